package io.portico.gateway.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.portico.compiler.RoutePrecedence;
import io.portico.compiler.model.CompiledRoute;
import io.portico.gateway.upstream.UpstreamMetadata;

import org.springframework.cloud.gateway.route.Route;

/**
 * An immutable index over one route table that narrows a request to the few routes that
 * can serve it, so that finding a route costs about the same at 10,000 routes as at one.
 *
 * <p>
 * Portico's routes (those with a {@link CompiledRoute} in their metadata) are indexed by
 * host (exact, {@code *.} wildcard suffix, or any) and then by path: exact paths in a
 * hash map, templates and prefixes in a segment trie. They are tried in
 * {@link RoutePrecedence} order, the order {@link RouteTableFactory} places them in.
 * Every other route (for example one from {@code spring.cloud.gateway} properties) is
 * tried in its place before or after Portico's block of routes. A lookup evaluates the
 * full predicates (canary sides included) of the candidates exactly as Spring Cloud
 * Gateway's linear scan does, so the first route that matches is the same one
 * ({@link IndexedRouteLookup} evaluates them; this class only narrows).
 *
 * <p>
 * The index is persistent: {@link #withServices(Map)} returns a new index in which only
 * the changed services' entries were removed and added; the trie nodes and maps on their
 * paths are copied (pointers, not entries), everything else is shared with the previous
 * index, which stays valid for the lookups still using it. Example: <pre>
 * RouteIndex index = RouteIndex.empty().withServices(Map.of("svc", svcRoutes));
 * RouteIndex next = index.withServices(Map.of("svc", List.of())); // svc removed
 * List&lt;Route&gt; candidates = next.candidates("GET", "api.example.com", "/svc/x");
 * </pre>
 */
public final class RouteIndex {

	private static final Route[] NO_ROUTES = new Route[0];

	private static final RouteIndex EMPTY = new RouteIndex(RoutePrecedence.INSTANCE, Map.of(), Hosts.NONE,
			IndexedRoute.NONE, 0, NO_ROUTES, NO_ROUTES);

	private final Comparator<CompiledRoute> precedence;

	private final Map<String, IndexedRoute[]> services;

	private final Map<String, PathIndex> exactHosts;

	private final Map<String, PathIndex> wildcardHosts;

	private final PathIndex anyHost;

	private final IndexedRoute[] unindexed;

	private final int porticoRoutes;

	private final Route[] before;

	private final Route[] after;

	private RouteIndex(Comparator<CompiledRoute> precedence, Map<String, IndexedRoute[]> services, Hosts hosts,
			IndexedRoute[] unindexed, int porticoRoutes, Route[] before, Route[] after) {
		this.precedence = precedence;
		this.services = services;
		this.exactHosts = hosts.exact();
		this.wildcardHosts = hosts.wildcard();
		this.anyHost = hosts.any();
		this.unindexed = unindexed;
		this.porticoRoutes = porticoRoutes;
		this.before = before;
		this.after = after;
	}

	/**
	 * An index without routes, ordering Portico's routes by {@link RoutePrecedence}.
	 * @return the empty index
	 */
	public static RouteIndex empty() {
		return EMPTY;
	}

	/**
	 * An index without routes.
	 * @param precedence the order in which Portico's routes are tried
	 * @return the empty index
	 */
	public static RouteIndex empty(Comparator<CompiledRoute> precedence) {
		return (precedence == RoutePrecedence.INSTANCE) ? EMPTY
				: new RouteIndex(precedence, Map.of(), Hosts.NONE, IndexedRoute.NONE, 0, NO_ROUTES, NO_ROUTES);
	}

	/**
	 * Indexes a whole table at once. Portico's routes are grouped by service; the other
	 * routes keep their place before or after them.
	 * @param routes the routes in the order they are tried, Portico's in
	 * {@link RoutePrecedence} order
	 * @return the index
	 */
	public static RouteIndex of(List<Route> routes) {
		Map<String, List<Route>> byService = new HashMap<>();
		for (Route route : routes) {
			CompiledRoute compiled = compiled(route);
			if (compiled != null) {
				byService.computeIfAbsent(compiled.serviceId(), (key) -> new ArrayList<>()).add(route);
			}
		}
		return EMPTY.withServices(byService).withOthers(routes);
	}

	/**
	 * An index in which the given services' routes replace theirs; the other services'
	 * entries are not touched.
	 * @param changes the new routes of each changed service, keyed by service id; an
	 * empty list removes the service
	 * @return the new index; this one is unchanged
	 */
	public RouteIndex withServices(Map<String, List<Route>> changes) {
		if (changes.isEmpty()) {
			return this;
		}
		Editor editor = new Editor(this);
		for (Map.Entry<String, List<Route>> change : changes.entrySet()) {
			editor.replace(change.getKey(), change.getValue());
		}
		return editor.build();
	}

	/**
	 * An index with the same Portico routes and the table's other routes: those before
	 * the first Portico route are tried before Portico's, the rest after.
	 * @param table the gateway's whole table, in the order it is tried
	 * @return the new index; this one is unchanged
	 */
	public RouteIndex withOthers(List<Route> table) {
		List<Route> first = new ArrayList<>();
		List<Route> last = new ArrayList<>();
		boolean seenPortico = false;
		for (Route route : table) {
			if (compiled(route) != null) {
				seenPortico = true;
			}
			else {
				(seenPortico ? last : first).add(route);
			}
		}
		if (first.isEmpty() && last.isEmpty() && this.before.length == 0 && this.after.length == 0) {
			return this;
		}
		return new RouteIndex(this.precedence, this.services,
				new Hosts(this.exactHosts, this.wildcardHosts, this.anyHost), this.unindexed, this.porticoRoutes,
				first.toArray(NO_ROUTES), last.toArray(NO_ROUTES));
	}

	/**
	 * The number of routes in the table.
	 * @return the size
	 */
	public int size() {
		return this.porticoRoutes + this.before.length + this.after.length;
	}

	/**
	 * The number of routes that are not indexed and tried for every request.
	 * @return the size of the fallback list
	 */
	public int fallbackSize() {
		return this.before.length + this.after.length + this.unindexed.length;
	}

	/**
	 * The routes of one service in this index.
	 * @param serviceId the service id
	 * @return its routes, in the order it gave them; empty when it has none
	 */
	public List<Route> serviceRoutes(String serviceId) {
		IndexedRoute[] entries = this.services.get(serviceId);
		if (entries == null) {
			return List.of();
		}
		List<Route> routes = new ArrayList<>(entries.length);
		for (IndexedRoute entry : entries) {
			routes.add(entry.route());
		}
		return Collections.unmodifiableList(routes);
	}

	/**
	 * The routes whose predicates a request must be tested against, in the order they are
	 * tried: the other routes placed before Portico's, the Portico routes whose path,
	 * method and host match, the other routes placed after.
	 * @param method the request method
	 * @param hostHeader the {@code Host} header; may be {@code null}
	 * @param path the raw request path
	 * @return the candidates, in the order they are tried
	 */
	public List<Route> candidates(String method, String hostHeader, String path) {
		List<IndexedRoute> found = new ArrayList<>(4);
		if (path != null) {
			String[] segments = path.startsWith("/") ? path.substring(1).split("/", -1) : null;
			this.anyHost.collect(path, segments, found);
			// Most tables have no host-specific route: do not even parse the Host header.
			boolean byHost = !this.exactHosts.isEmpty() || !this.wildcardHosts.isEmpty();
			String host = byHost ? PorticoRequestMatcher.hostWithoutPort(hostHeader) : null;
			if (host != null) {
				PathIndex ofHost = this.exactHosts.get(host);
				if (ofHost != null) {
					ofHost.collect(path, segments, found);
				}
				if (!this.wildcardHosts.isEmpty()) {
					// "*.example.com" is stored under ".example.com": try every proper
					// suffix
					for (int dot = host.indexOf('.', 1); dot > 0; dot = host.indexOf('.', dot + 1)) {
						PathIndex byWildcard = this.wildcardHosts.get(host.substring(dot));
						if (byWildcard != null) {
							byWildcard.collect(path, segments, found);
						}
					}
				}
			}
		}
		for (IndexedRoute entry : this.unindexed) {
			found.add(entry);
		}
		List<IndexedRoute> matching = new ArrayList<>(found.size());
		for (IndexedRoute entry : found) {
			if (entry.matcher().matches(method, hostHeader, path)) {
				matching.add(entry);
			}
		}
		if (matching.size() > 1) {
			matching.sort((left, right) -> this.precedence.compare(left.compiled(), right.compiled()));
		}
		List<Route> result = new ArrayList<>(this.before.length + matching.size() + this.after.length);
		Collections.addAll(result, this.before);
		Route last = null;
		for (IndexedRoute entry : matching) {
			// A route stored under several hosts may be found twice.
			if (entry.route() != last) {
				result.add(entry.route());
				last = entry.route();
			}
		}
		Collections.addAll(result, this.after);
		return result;
	}

	private static CompiledRoute compiled(Route route) {
		return (route.getMetadata().get(UpstreamMetadata.COMPILED_ROUTE) instanceof CompiledRoute compiled) ? compiled
				: null;
	}

	/**
	 * Applies the changes of one {@link #withServices(Map)} call. A path index is copied
	 * the first time the edit touches it and mutated in place afterwards; what it did not
	 * create is never mutated, so the previous index stays intact.
	 */
	private static final class Editor {

		private final RouteIndex from;

		private final Set<Object> owned = Collections.newSetFromMap(new IdentityHashMap<>());

		private final Map<String, IndexedRoute[]> services;

		private final Map<String, PathIndex> exactHosts;

		private final Map<String, PathIndex> wildcardHosts;

		private PathIndex anyHost;

		private final List<IndexedRoute> unindexed;

		private int porticoRoutes;

		Editor(RouteIndex from) {
			this.from = from;
			this.services = new HashMap<>(from.services);
			this.exactHosts = new HashMap<>(from.exactHosts);
			this.wildcardHosts = new HashMap<>(from.wildcardHosts);
			this.anyHost = from.anyHost;
			this.unindexed = new ArrayList<>(Arrays.asList(from.unindexed));
			this.porticoRoutes = from.porticoRoutes;
		}

		void replace(String serviceId, List<Route> routes) {
			IndexedRoute[] previous = this.services.remove(serviceId);
			if (previous != null) {
				for (IndexedRoute entry : previous) {
					remove(entry);
				}
				this.porticoRoutes -= previous.length;
			}
			if (routes.isEmpty()) {
				return;
			}
			IndexedRoute[] entries = new IndexedRoute[routes.size()];
			for (int i = 0; i < entries.length; i++) {
				Route route = routes.get(i);
				CompiledRoute compiled = compiled(route);
				if (compiled == null) {
					throw new IllegalArgumentException("route " + route.getId() + " is not a Portico route");
				}
				entries[i] = new IndexedRoute(route, compiled, new PorticoRequestMatcher(compiled));
				add(entries[i]);
			}
			this.services.put(serviceId, entries);
			this.porticoRoutes += entries.length;
		}

		RouteIndex build() {
			return new RouteIndex(this.from.precedence, Map.copyOf(this.services),
					new Hosts(Map.copyOf(this.exactHosts), Map.copyOf(this.wildcardHosts), this.anyHost),
					this.unindexed.toArray(IndexedRoute.NONE), this.porticoRoutes, this.from.before, this.from.after);
		}

		private void add(IndexedRoute entry) {
			edit(entry, true);
		}

		private void remove(IndexedRoute entry) {
			edit(entry, false);
		}

		// Adds the entry to, or removes it from, every path index its hosts reach.
		private void edit(IndexedRoute entry, boolean adding) {
			if (!PathIndex.indexable(entry.compiled().path())) {
				if (adding) {
					this.unindexed.add(entry);
				}
				else {
					this.unindexed.remove(entry);
				}
				return;
			}
			if (entry.compiled().hosts().isEmpty()) {
				this.anyHost = PathIndex.own(this.anyHost, this.owned);
				edit(this.anyHost, entry, adding);
				return;
			}
			for (String host : entry.compiled().hosts()) {
				String lower = host.toLowerCase(Locale.ROOT);
				boolean wildcard = lower.startsWith("*.");
				Map<String, PathIndex> hosts = wildcard ? this.wildcardHosts : this.exactHosts;
				String key = wildcard ? lower.substring(1) : lower;
				PathIndex current = hosts.get(key);
				if (current == null && !adding) {
					continue;
				}
				PathIndex index = PathIndex.own(current, this.owned);
				edit(index, entry, adding);
				if (index.isEmpty()) {
					hosts.remove(key);
				}
				else {
					hosts.put(key, index);
				}
			}
		}

		private void edit(PathIndex index, IndexedRoute entry, boolean adding) {
			if (adding) {
				index.add(entry, this.owned);
			}
			else {
				index.remove(entry, this.owned);
			}
		}

	}

	/**
	 * Portico's indexed routes by host.
	 *
	 * @param exact the routes of each exact host, by lower-case host
	 * @param wildcard the routes of each {@code *.} host, by suffix
	 * ({@code .example.com})
	 * @param any the routes without hosts
	 */
	private record Hosts(Map<String, PathIndex> exact, Map<String, PathIndex> wildcard, PathIndex any) {

		static final Hosts NONE = new Hosts(Map.of(), Map.of(), PathIndex.empty());

	}

}

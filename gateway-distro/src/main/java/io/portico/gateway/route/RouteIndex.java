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
import java.util.concurrent.Callable;

import io.portico.compiler.RoutePrecedence;
import io.portico.compiler.model.CompiledRoute;
import io.portico.compiler.model.PathMatch;
import io.portico.gateway.upstream.UpstreamMetadata;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

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
 * Gateway's linear scan does, so the first route that matches is the same one.
 *
 * <p>
 * The index is persistent: {@link #withServices(Map)} returns a new index in which only
 * the changed services' entries were removed and added; the trie nodes and maps on their
 * paths are copied (pointers, not entries), everything else is shared with the previous
 * index, which stays valid for the lookups still using it. Example: <pre>
 * RouteIndex index = RouteIndex.empty().withServices(Map.of("svc", svcRoutes));
 * RouteIndex next = index.withServices(Map.of("svc", List.of())); // svc removed
 * Mono&lt;Route&gt; route = next.lookup(exchange);
 * </pre>
 */
public final class RouteIndex {

	private static final Log logger = LogFactory.getLog(RouteIndex.class);

	private static final Route[] NO_ROUTES = new Route[0];

	private static final Entry[] NO_ENTRIES = new Entry[0];

	private static final RouteIndex EMPTY = new RouteIndex(RoutePrecedence.INSTANCE, Map.of(), Map.of(), Map.of(),
			new PathIndex(Map.of(), new Node()), NO_ENTRIES, 0, NO_ROUTES, NO_ROUTES, null);

	private final Comparator<CompiledRoute> precedence;

	private final Map<String, Entry[]> services;

	private final Map<String, PathIndex> exactHosts;

	private final Map<String, PathIndex> wildcardHosts;

	private final PathIndex anyHost;

	private final Entry[] unindexed;

	private final int porticoRoutes;

	private final Route[] before;

	private final Route[] after;

	// Only for linear tables: every route in turn, as Spring Cloud Gateway does.
	private final Route[] linear;

	private RouteIndex(Comparator<CompiledRoute> precedence, Map<String, Entry[]> services,
			Map<String, PathIndex> exactHosts, Map<String, PathIndex> wildcardHosts, PathIndex anyHost,
			Entry[] unindexed, int porticoRoutes, Route[] before, Route[] after, Route[] linear) {
		this.precedence = precedence;
		this.services = services;
		this.exactHosts = exactHosts;
		this.wildcardHosts = wildcardHosts;
		this.anyHost = anyHost;
		this.unindexed = unindexed;
		this.porticoRoutes = porticoRoutes;
		this.before = before;
		this.after = after;
		this.linear = linear;
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
		return (precedence == RoutePrecedence.INSTANCE) ? EMPTY : new RouteIndex(precedence, Map.of(), Map.of(),
				Map.of(), new PathIndex(Map.of(), new Node()), NO_ENTRIES, 0, NO_ROUTES, NO_ROUTES, null);
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
	 * A table without an index: every route is tried in turn, as Spring Cloud Gateway
	 * does. For comparisons.
	 * @param routes the routes in the order they are tried
	 * @return the linear table
	 */
	public static RouteIndex linear(List<Route> routes) {
		return new RouteIndex(RoutePrecedence.INSTANCE, Map.of(), Map.of(), Map.of(),
				new PathIndex(Map.of(), new Node()), NO_ENTRIES, 0, NO_ROUTES, NO_ROUTES, routes.toArray(NO_ROUTES));
	}

	/**
	 * An index in which the given services' routes replace theirs; the other services'
	 * entries are not touched.
	 * @param changes the new routes of each changed service, keyed by service id; an
	 * empty list removes the service
	 * @return the new index; this one is unchanged
	 */
	public RouteIndex withServices(Map<String, List<Route>> changes) {
		if (this.linear != null) {
			throw new IllegalStateException("a linear table is not indexed");
		}
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
		return new RouteIndex(this.precedence, this.services, this.exactHosts, this.wildcardHosts, this.anyHost,
				this.unindexed, this.porticoRoutes, first.toArray(NO_ROUTES), last.toArray(NO_ROUTES), null);
	}

	/**
	 * The number of routes in the table.
	 * @return the size
	 */
	public int size() {
		return (this.linear != null) ? this.linear.length : this.porticoRoutes + this.before.length + this.after.length;
	}

	/**
	 * The number of routes that are not indexed and tried for every request.
	 * @return the size of the fallback list
	 */
	public int fallbackSize() {
		return (this.linear != null) ? this.linear.length
				: this.before.length + this.after.length + this.unindexed.length;
	}

	/**
	 * The routes of one service in this index.
	 * @param serviceId the service id
	 * @return its routes, in the order it gave them; empty when it has none
	 */
	public List<Route> serviceRoutes(String serviceId) {
		Entry[] entries = this.services.get(serviceId);
		if (entries == null) {
			return List.of();
		}
		List<Route> routes = new ArrayList<>(entries.length);
		for (Entry entry : entries) {
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
		if (this.linear != null) {
			return Arrays.asList(this.linear);
		}
		List<Entry> found = new ArrayList<>(4);
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
		for (Entry entry : this.unindexed) {
			found.add(entry);
		}
		List<Entry> matching = new ArrayList<>(found.size());
		for (Entry entry : found) {
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
		for (Entry entry : matching) {
			// A route stored under several hosts may be found twice.
			if (entry.route() != last) {
				result.add(entry.route());
				last = entry.route();
			}
		}
		Collections.addAll(result, this.after);
		return result;
	}

	/**
	 * Finds the route that serves a request: the first candidate whose predicate matches,
	 * with the same exchange attributes and error handling as Spring Cloud Gateway's
	 * {@code RoutePredicateHandlerMapping}. Predicates that answer at once (Spring Cloud
	 * Gateway's {@code AsyncPredicate.from} does) are evaluated in a plain loop; from the
	 * first one that does not, the rest are evaluated reactively. A {@link #linear(List)
	 * linear} table uses Spring Cloud Gateway's reactive scan throughout.
	 * @param exchange the exchange
	 * @return the route, or empty when none matches
	 */
	public Mono<Route> lookup(ServerWebExchange exchange) {
		if (this.linear != null) {
			return scan(Arrays.asList(this.linear), exchange);
		}
		ServerHttpRequest request = exchange.getRequest();
		List<Route> candidates = candidates(request.getMethod().name(), request.getHeaders().getFirst("Host"),
				request.getURI().getRawPath());
		for (int i = 0; i < candidates.size(); i++) {
			Route route = candidates.get(i);
			Publisher<Boolean> result = test(route, exchange);
			if (!(result instanceof Callable<?> immediate)) {
				List<Route> rest = candidates.subList(i + 1, candidates.size());
				return Mono.from(result)
					.defaultIfEmpty(false)
					.flatMap((matched) -> matched ? Mono.just(route) : scan(rest, exchange));
			}
			Object matched;
			try {
				matched = immediate.call();
			}
			catch (Exception ex) {
				// filterWhen would fail the lookup with the predicate's error: so do we.
				return Mono.error(ex);
			}
			if (Boolean.TRUE.equals(matched)) {
				return Mono.just(route);
			}
		}
		return Mono.empty();
	}

	// Spring Cloud Gateway's scan: every route in turn, reactively.
	private static Mono<Route> scan(List<Route> routes, ServerWebExchange exchange) {
		return Flux.fromIterable(routes).filterWhen((route) -> test(route, exchange)).next();
	}

	@SuppressWarnings("unchecked")
	private static Publisher<Boolean> test(Route route, ServerWebExchange exchange) {
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_PREDICATE_ROUTE_ATTR, route.getId());
		try {
			return (Publisher<Boolean>) route.getPredicate().apply(exchange);
		}
		catch (Exception ex) {
			logger.error("Error applying predicate for route: " + route.getId(), ex);
			return Mono.just(false);
		}
	}

	private static CompiledRoute compiled(Route route) {
		return (route.getMetadata().get(UpstreamMetadata.COMPILED_ROUTE) instanceof CompiledRoute compiled) ? compiled
				: null;
	}

	/**
	 * One Portico route with what the index needs of it.
	 *
	 * @param route the route
	 * @param compiled its compiled form
	 * @param matcher its path, method and host matcher
	 */
	private record Entry(Route route, CompiledRoute compiled, PorticoRequestMatcher matcher) {

	}

	/**
	 * Applies the changes of one {@link #withServices(Map)} call. A node or path index is
	 * copied the first time the edit touches it and mutated in place afterwards; nodes it
	 * did not create are never mutated, so the previous index stays intact.
	 */
	private static final class Editor {

		private final RouteIndex from;

		private final Set<Object> owned = Collections.newSetFromMap(new IdentityHashMap<>());

		private final Map<String, Entry[]> services;

		private final Map<String, PathIndex> exactHosts;

		private final Map<String, PathIndex> wildcardHosts;

		private PathIndex anyHost;

		private final List<Entry> unindexed;

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
			Entry[] previous = this.services.remove(serviceId);
			if (previous != null) {
				for (Entry entry : previous) {
					remove(entry);
				}
				this.porticoRoutes -= previous.length;
			}
			if (routes.isEmpty()) {
				return;
			}
			Entry[] entries = new Entry[routes.size()];
			for (int i = 0; i < entries.length; i++) {
				Route route = routes.get(i);
				CompiledRoute compiled = compiled(route);
				if (compiled == null) {
					throw new IllegalArgumentException("route " + route.getId() + " is not a Portico route");
				}
				entries[i] = new Entry(route, compiled, new PorticoRequestMatcher(compiled));
				add(entries[i]);
			}
			this.services.put(serviceId, entries);
			this.porticoRoutes += entries.length;
		}

		RouteIndex build() {
			return new RouteIndex(this.from.precedence, Map.copyOf(this.services), Map.copyOf(this.exactHosts),
					Map.copyOf(this.wildcardHosts), this.anyHost, this.unindexed.toArray(NO_ENTRIES),
					this.porticoRoutes, this.from.before, this.from.after, null);
		}

		private void add(Entry entry) {
			edit(entry, true);
		}

		private void remove(Entry entry) {
			edit(entry, false);
		}

		// Adds the entry to, or removes it from, every path index its hosts reach.
		private void edit(Entry entry, boolean adding) {
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
				this.anyHost = ownPath(this.anyHost);
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
				PathIndex index = ownPath(current);
				edit(index, entry, adding);
				if (index.isEmpty()) {
					hosts.remove(key);
				}
				else {
					hosts.put(key, index);
				}
			}
		}

		private void edit(PathIndex index, Entry entry, boolean adding) {
			if (adding) {
				addTo(index, entry);
			}
			else {
				removeFrom(index, entry);
			}
		}

		private void addTo(PathIndex index, Entry entry) {
			PathMatch path = entry.compiled().path();
			if (path.kind() == PathMatch.Kind.EXACT) {
				index.exact.put(path.pattern(), append(index.exact.get(path.pattern()), entry));
				return;
			}
			Node node = ownNode(index.root);
			index.root = node;
			for (Step step : steps(path)) {
				if (step.parameter()) {
					node.parameter = ownNode(node.parameter);
					node = node.parameter;
				}
				else {
					Node child = ownNode(node.literals.get(step.literal()));
					node.literals.put(step.literal(), child);
					node = child;
				}
			}
			Slot slot = slot(path);
			node.set(slot, append(node.get(slot), entry));
		}

		private void removeFrom(PathIndex index, Entry entry) {
			PathMatch path = entry.compiled().path();
			if (path.kind() == PathMatch.Kind.EXACT) {
				Entry[] left = without(index.exact.get(path.pattern()), entry);
				if (left == null) {
					index.exact.remove(path.pattern());
				}
				else {
					index.exact.put(path.pattern(), left);
				}
				return;
			}
			Node root = removeAlong(index.root, steps(path), 0, slot(path), entry);
			index.root = (root != null) ? root : ownNode(null);
		}

		// Removes the entry from the node at the end of the steps; returns the node
		// (copied
		// when touched) or null when it became empty, so that its parent drops it.
		private Node removeAlong(Node node, List<Step> steps, int depth, Slot slot, Entry entry) {
			if (node == null) {
				return null;
			}
			Node own = ownNode(node);
			if (depth == steps.size()) {
				own.set(slot, without(own.get(slot), entry));
			}
			else {
				Step step = steps.get(depth);
				if (step.parameter()) {
					own.parameter = removeAlong(own.parameter, steps, depth + 1, slot, entry);
				}
				else {
					Node child = removeAlong(own.literals.get(step.literal()), steps, depth + 1, slot, entry);
					if (child == null) {
						own.literals.remove(step.literal());
					}
					else {
						own.literals.put(step.literal(), child);
					}
				}
			}
			return own.isEmpty() ? null : own;
		}

		private PathIndex ownPath(PathIndex index) {
			if (index == null) {
				PathIndex created = new PathIndex(new HashMap<>(), new Node());
				this.owned.add(created);
				this.owned.add(created.root);
				return created;
			}
			if (this.owned.contains(index)) {
				return index;
			}
			PathIndex copy = new PathIndex(new HashMap<>(index.exact), index.root);
			this.owned.add(copy);
			return copy;
		}

		private Node ownNode(Node node) {
			if (node != null && this.owned.contains(node)) {
				return node;
			}
			Node copy = new Node();
			if (node != null) {
				copy.literals.putAll(node.literals);
				copy.parameter = node.parameter;
				copy.prefixes = node.prefixes;
				copy.terminals = node.terminals;
				copy.remainders = node.remainders;
			}
			this.owned.add(copy);
			return copy;
		}

		private static List<Step> steps(PathMatch path) {
			String pattern = path.pattern();
			List<Step> steps = new ArrayList<>();
			if (path.kind() == PathMatch.Kind.PREFIX) {
				// "/a/b/x" matches paths whose segments start a, b, then one starting
				// with x: store it where the walk has matched a and b
				String directory = pattern.substring(0, pattern.lastIndexOf('/'));
				if (!directory.isEmpty()) {
					for (String segment : directory.substring(1).split("/", -1)) {
						steps.add(new Step(segment, false));
					}
				}
				return steps;
			}
			String body = pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 2) : pattern;
			for (String segment : PathIndex.templateSegments(body)) {
				steps.add(PathIndex.isParameter(segment) ? new Step(null, true) : new Step(segment, false));
			}
			return steps;
		}

		private static Slot slot(PathMatch path) {
			if (path.kind() == PathMatch.Kind.PREFIX) {
				return Slot.PREFIXES;
			}
			return path.pattern().endsWith("/*") ? Slot.REMAINDERS : Slot.TERMINALS;
		}

		private static Entry[] append(Entry[] entries, Entry entry) {
			if (entries == null) {
				return new Entry[] { entry };
			}
			Entry[] longer = Arrays.copyOf(entries, entries.length + 1);
			longer[entries.length] = entry;
			return longer;
		}

		// The entries without this one; null when none is left.
		private static Entry[] without(Entry[] entries, Entry entry) {
			if (entries == null) {
				return null;
			}
			List<Entry> left = new ArrayList<>(entries.length);
			for (Entry candidate : entries) {
				if (candidate != entry) {
					left.add(candidate);
				}
			}
			return left.isEmpty() ? null : left.toArray(NO_ENTRIES);
		}

	}

	/**
	 * One step of a trie walk: a literal segment or a parameter.
	 *
	 * @param literal the segment, or {@code null} for a parameter
	 * @param parameter whether the step is a parameter
	 */
	private record Step(String literal, boolean parameter) {

	}

	/**
	 * Where in a node a route ends.
	 */
	private enum Slot {

		PREFIXES, TERMINALS, REMAINDERS

	}

	/**
	 * The routes of one host, by path. Mutable only while an {@link Editor} owns it.
	 */
	private static final class PathIndex {

		private final Map<String, Entry[]> exact;

		private Node root;

		PathIndex(Map<String, Entry[]> exact, Node root) {
			this.exact = exact;
			this.root = root;
		}

		static boolean indexable(PathMatch path) {
			return path.kind() == PathMatch.Kind.EXACT || path.pattern().startsWith("/");
		}

		boolean isEmpty() {
			return this.exact.isEmpty() && this.root.isEmpty();
		}

		void collect(String path, String[] segments, List<Entry> found) {
			Entry[] exactEntries = this.exact.get(path);
			if (exactEntries != null) {
				Collections.addAll(found, exactEntries);
			}
			if (segments != null) {
				walk(this.root, segments, 0, found);
			}
		}

		private static void walk(Node node, String[] segments, int depth, List<Entry> found) {
			addAll(found, node.prefixes);
			if (depth == segments.length) {
				addAll(found, node.terminals);
				return;
			}
			addAll(found, node.remainders);
			if (!node.literals.isEmpty()) {
				Node child = node.literals.get(segments[depth]);
				if (child != null) {
					walk(child, segments, depth + 1, found);
				}
			}
			if (node.parameter != null && !segments[depth].isEmpty()) {
				walk(node.parameter, segments, depth + 1, found);
			}
		}

		private static void addAll(List<Entry> found, Entry[] entries) {
			if (entries != null) {
				Collections.addAll(found, entries);
			}
		}

		// The same segmentation as PorticoRequestMatcher's templates.
		static String[] templateSegments(String path) {
			if (path.isEmpty() || path.equals("/")) {
				return new String[] { "" };
			}
			return path.substring(1).split("/", -1);
		}

		static boolean isParameter(String segment) {
			return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
		}

	}

	/**
	 * One node of the segment trie. Mutable only while an {@link Editor} owns it.
	 */
	private static final class Node {

		private final Map<String, Node> literals = new HashMap<>(4);

		private Node parameter;

		private Entry[] prefixes;

		private Entry[] terminals;

		private Entry[] remainders;

		Entry[] get(Slot slot) {
			return switch (slot) {
				case PREFIXES -> this.prefixes;
				case TERMINALS -> this.terminals;
				case REMAINDERS -> this.remainders;
			};
		}

		void set(Slot slot, Entry[] entries) {
			switch (slot) {
				case PREFIXES -> this.prefixes = entries;
				case TERMINALS -> this.terminals = entries;
				case REMAINDERS -> this.remainders = entries;
			}
		}

		boolean isEmpty() {
			return this.literals.isEmpty() && this.parameter == null && this.prefixes == null && this.terminals == null
					&& this.remainders == null;
		}

	}

}

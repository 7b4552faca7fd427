package io.portico.gateway.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

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
 * hash map, templates and prefixes in a segment trie. Every other route (for example one
 * from {@code spring.cloud.gateway} properties) stays in a linear fallback list. A lookup
 * merges the indexed candidates that pass {@link PorticoRequestMatcher} with the fallback
 * routes, in table order, and evaluates their full predicates (canary sides included)
 * exactly as Spring Cloud Gateway's linear scan does, so the first route that matches is
 * the same one. Example: <pre>
 * RouteIndex index = RouteIndex.of(routes); // routes in the order they are tried
 * Mono&lt;Route&gt; route = index.lookup(exchange);
 * </pre>
 */
public final class RouteIndex {

	private static final Log logger = LogFactory.getLog(RouteIndex.class);

	private static final Route[] NO_ROUTES = new Route[0];

	private final Route[] routes;

	private final Map<String, PathIndex> exactHosts;

	private final Map<String, PathIndex> wildcardHosts;

	private final PathIndex anyHost;

	private final int[] fallback;

	private final boolean indexed;

	private RouteIndex(List<Route> table, boolean indexed) {
		this.routes = table.toArray(NO_ROUTES);
		this.indexed = indexed;
		Map<String, PathIndex> exact = new HashMap<>();
		Map<String, PathIndex> wildcard = new HashMap<>();
		PathIndex any = new PathIndex();
		List<Integer> unindexed = new ArrayList<>();
		for (int position = 0; position < this.routes.length; position++) {
			Route route = this.routes[position];
			Object compiled = indexed ? route.getMetadata().get(UpstreamMetadata.COMPILED_ROUTE) : null;
			if (!(compiled instanceof CompiledRoute compiledRoute) || !PathIndex.indexable(compiledRoute.path())) {
				unindexed.add(position);
				continue;
			}
			Entry entry = new Entry(position, new PorticoRequestMatcher(compiledRoute));
			if (compiledRoute.hosts().isEmpty()) {
				any.add(compiledRoute.path(), entry);
				continue;
			}
			for (String host : compiledRoute.hosts()) {
				String lower = host.toLowerCase(Locale.ROOT);
				if (lower.startsWith("*.")) {
					wildcard.computeIfAbsent(lower.substring(1), (key) -> new PathIndex())
						.add(compiledRoute.path(), entry);
				}
				else {
					exact.computeIfAbsent(lower, (key) -> new PathIndex()).add(compiledRoute.path(), entry);
				}
			}
		}
		this.exactHosts = Map.copyOf(exact);
		this.wildcardHosts = Map.copyOf(wildcard);
		this.anyHost = any;
		this.fallback = unindexed.stream().mapToInt(Integer::intValue).toArray();
	}

	/**
	 * Indexes a route table.
	 * @param routes the routes in the order they are tried
	 * @return the index
	 */
	public static RouteIndex of(List<Route> routes) {
		return new RouteIndex(routes, true);
	}

	/**
	 * A table without an index: every route is tried in turn, as Spring Cloud Gateway
	 * does. For comparisons.
	 * @param routes the routes in the order they are tried
	 * @return the linear table
	 */
	public static RouteIndex linear(List<Route> routes) {
		return new RouteIndex(routes, false);
	}

	/**
	 * The number of routes in the table.
	 * @return the size
	 */
	public int size() {
		return this.routes.length;
	}

	/**
	 * The number of routes that are not indexed and tried for every request.
	 * @return the size of the fallback list
	 */
	public int fallbackSize() {
		return this.fallback.length;
	}

	/**
	 * The routes whose predicates a request must be tested against, in table order: the
	 * indexed routes whose path, method and host match, and every fallback route.
	 * @param method the request method
	 * @param hostHeader the {@code Host} header; may be {@code null}
	 * @param path the raw request path
	 * @return the candidates, in the order they are tried
	 */
	public List<Route> candidates(String method, String hostHeader, String path) {
		List<Entry> found = new ArrayList<>(4);
		if (path != null) {
			String[] segments = path.startsWith("/") ? path.substring(1).split("/", -1) : null;
			this.anyHost.collect(path, segments, found);
			String host = PorticoRequestMatcher.hostWithoutPort(hostHeader);
			if (host != null) {
				PathIndex byHost = this.exactHosts.get(host);
				if (byHost != null) {
					byHost.collect(path, segments, found);
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
		int[] positions = new int[found.size()];
		int count = 0;
		for (Entry entry : found) {
			if (entry.matcher().matches(method, hostHeader, path)) {
				positions[count++] = entry.position();
			}
		}
		Arrays.sort(positions, 0, count);
		List<Route> result = new ArrayList<>(count + this.fallback.length);
		int next = 0;
		int last = -1;
		for (int fallbackPosition : this.fallback) {
			while (next < count && positions[next] < fallbackPosition) {
				last = add(result, positions[next++], last);
			}
			last = add(result, fallbackPosition, last);
		}
		while (next < count) {
			last = add(result, positions[next++], last);
		}
		return result;
	}

	private int add(List<Route> result, int position, int last) {
		// A route stored under several hosts may be found twice.
		if (position != last) {
			result.add(this.routes[position]);
		}
		return position;
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
		if (!this.indexed) {
			return scan(Arrays.asList(this.routes), exchange);
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

	/**
	 * A route's place in the table and its request matcher.
	 *
	 * @param position the index in the table
	 * @param matcher the route's path, method and host matcher
	 */
	private record Entry(int position, PorticoRequestMatcher matcher) {

	}

	/**
	 * The routes of one host, by path. Mutable only while the index is built.
	 */
	private static final class PathIndex {

		private final Map<String, List<Entry>> exact = new HashMap<>();

		private final Node root = new Node();

		static boolean indexable(PathMatch path) {
			return path.kind() == PathMatch.Kind.EXACT || path.pattern().startsWith("/");
		}

		void add(PathMatch path, Entry entry) {
			String pattern = path.pattern();
			switch (path.kind()) {
				case EXACT:
					this.exact.computeIfAbsent(pattern, (key) -> new ArrayList<>(1)).add(entry);
					break;
				case PREFIX:
					// "/a/b/x" matches paths whose segments start a, b, then one starting
					// with x: store it where the walk has matched a and b
					String directory = pattern.substring(0, pattern.lastIndexOf('/'));
					Node node = this.root;
					if (!directory.isEmpty()) {
						for (String segment : directory.substring(1).split("/", -1)) {
							node = node.literal(segment);
						}
					}
					node.prefixes = append(node.prefixes, entry);
					break;
				default:
					boolean remainder = pattern.endsWith("/*");
					String body = remainder ? pattern.substring(0, pattern.length() - 2) : pattern;
					Node at = this.root;
					for (String segment : templateSegments(body)) {
						at = isParameter(segment) ? at.parameter() : at.literal(segment);
					}
					if (remainder) {
						at.remainders = append(at.remainders, entry);
					}
					else {
						at.terminals = append(at.terminals, entry);
					}
			}
		}

		void collect(String path, String[] segments, List<Entry> found) {
			List<Entry> exactEntries = this.exact.get(path);
			if (exactEntries != null) {
				found.addAll(exactEntries);
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
			if (node.literals != null) {
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
				for (Entry entry : entries) {
					found.add(entry);
				}
			}
		}

		private static Entry[] append(Entry[] entries, Entry entry) {
			if (entries == null) {
				return new Entry[] { entry };
			}
			Entry[] longer = Arrays.copyOf(entries, entries.length + 1);
			longer[entries.length] = entry;
			return longer;
		}

		// The same segmentation as PorticoRequestMatcher's templates.
		private static String[] templateSegments(String path) {
			if (path.isEmpty() || path.equals("/")) {
				return new String[] { "" };
			}
			return path.substring(1).split("/", -1);
		}

		private static boolean isParameter(String segment) {
			return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
		}

	}

	/**
	 * One node of the segment trie.
	 */
	private static final class Node {

		private Map<String, Node> literals;

		private Node parameter;

		private Entry[] prefixes;

		private Entry[] terminals;

		private Entry[] remainders;

		Node literal(String segment) {
			if (this.literals == null) {
				this.literals = new HashMap<>(4);
			}
			return this.literals.computeIfAbsent(segment, (key) -> new Node());
		}

		Node parameter() {
			if (this.parameter == null) {
				this.parameter = new Node();
			}
			return this.parameter;
		}

	}

}

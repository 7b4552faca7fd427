package io.portico.gateway.route;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import io.portico.compiler.RoutePrecedence;
import io.portico.compiler.model.CompiledRoute;
import io.portico.compiler.model.CompiledService;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.Upstream;
import io.portico.gateway.canary.CanarySide;
import io.portico.gateway.canary.CanarySideSelector;
import io.portico.gateway.canary.CompiledCanary;
import io.portico.gateway.upstream.ServiceUpstream;
import io.portico.gateway.upstream.SmoothWeightedRoundRobin;
import io.portico.gateway.upstream.UpstreamBalancer;
import io.portico.gateway.upstream.UpstreamMetadata;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Turns compiled services into Spring Cloud Gateway routes, ordered by
 * {@link RoutePrecedence} across all services.
 *
 * <p>
 * Each route gets a {@code portico://<serviceId>} URI, a predicate from
 * {@link PorticoRequestMatcher}, its {@link CompiledRoute} and the service's
 * {@link ServiceUpstream} in metadata, and the per-route timeouts that
 * {@code NettyRoutingFilter} reads. A nodes upstream balances over its nodes; a discovery
 * upstream over the live endpoints the caller resolves for it.
 *
 * <p>
 * Canaries: each service with one gets a {@link CanarySideSelector}. An upstream canary
 * keeps the service's routes and adds the canary {@link ServiceUpstream} to their
 * metadata, for {@code UpstreamGlobalFilter}. A version canary adds the canary version's
 * routes to the table; every route of both versions is guarded by the request's side
 * (decided once the request matches a route of the service), so a path only the canary
 * version has is served to the canary share only.
 *
 * <p>
 * Builds are incremental: a service whose compiled form, canary and discovery endpoints
 * are unchanged since the last build keeps its balancers (and their rotation), canary
 * selector, routes and index entries; only changed services are rebuilt, re-placed in
 * precedence order and re-indexed ({@link #buildTable}).
 */
public final class RouteTableFactory {

	/** The order of every Portico route (see {@link Route#getOrder()}). */
	public static final int ROUTE_ORDER = 0;

	private final Comparator<CompiledRoute> precedence;

	/**
	 * Creates a factory with the compiler's precedence.
	 */
	public RouteTableFactory() {
		this(RoutePrecedence.INSTANCE);
	}

	public RouteTableFactory(Comparator<CompiledRoute> precedence) {
		this.precedence = precedence;
		this.table = new RouteTable(List.of(), RouteIndex.empty(precedence));
	}

	/**
	 * The selectors of the last table, so that a rebuild keeps an unchanged canary's
	 * position in its split: other services' publishes must not disturb a running
	 * canary's exact share.
	 */
	private Map<String, CanarySideSelector> selectors = Map.of();

	/**
	 * The parts of each service of the last table: an unchanged service keeps its
	 * balancers (and their rotation) and its predicates, and is not rebuilt.
	 */
	private Map<String, ServiceParts> parts = Map.of();

	/** The last table and its index. */
	private RouteTable table;

	private long servicesBuilt;

	/**
	 * Builds the routes of services with nodes upstreams.
	 * @param services compiled services with nodes upstreams
	 * @return the routes, in the order they are tried; immutable
	 */
	public List<Route> build(List<CompiledService> services) {
		return build(services, (discovery) -> {
			throw new IllegalArgumentException("no live endpoints for " + discovery);
		});
	}

	/**
	 * Builds the routes of services without canaries.
	 * @param services compiled services
	 * @param discovery the balancer over the live endpoints of a discovery upstream
	 * @return the routes, in the order they are tried; immutable
	 */
	public List<Route> build(List<CompiledService> services, Function<DiscoveryUpstream, UpstreamBalancer> discovery) {
		return build(services, List.of(), discovery);
	}

	/**
	 * Builds the routes.
	 * @param services compiled services
	 * @param canaries the canaries of some of the services
	 * @param discovery the balancer over the live endpoints of a discovery upstream
	 * @return the routes, in the order they are tried; immutable
	 */
	public List<Route> build(List<CompiledService> services, List<CompiledCanary> canaries,
			Function<DiscoveryUpstream, UpstreamBalancer> discovery) {
		return buildTable(services, canaries, discovery).routes();
	}

	/**
	 * Builds the routes and their index. Only the services whose compiled form, canary or
	 * discovery endpoints changed are rebuilt and re-indexed; the table is the previous
	 * one without their old routes and with their new ones placed by precedence.
	 * @param services compiled services
	 * @param canaries the canaries of some of the services
	 * @param discovery the balancer over the live endpoints of a discovery upstream
	 * @return the table and its index
	 */
	public synchronized RouteTable buildTable(List<CompiledService> services, List<CompiledCanary> canaries,
			Function<DiscoveryUpstream, UpstreamBalancer> discovery) {
		Map<String, CanarySideSelector> previousSelectors = this.selectors;
		Map<String, ServiceParts> previousParts = this.parts;
		Map<String, CanarySideSelector> currentSelectors = new HashMap<>();
		Map<String, ServiceParts> currentParts = new HashMap<>();
		Map<String, CompiledCanary> canaryByService = new HashMap<>();
		for (CompiledCanary canary : canaries) {
			canaryByService.put(canary.serviceId(), canary);
		}
		Map<String, List<Route>> changes = new HashMap<>();
		for (CompiledService service : services) {
			CompiledCanary canary = canaryByService.get(service.serviceId());
			UpstreamBalancer discovered = discovered(service.upstream().upstream(), discovery);
			UpstreamBalancer canaryDiscovered = (canary != null && canary.upstream() != null)
					? discovered(canary.upstream().upstream(), discovery) : null;
			ServiceParts previous = previousParts.get(service.serviceId());
			ServiceParts parts = previous;
			if (parts == null || !parts.isFor(service, canary, discovered, canaryDiscovered)) {
				parts = serviceParts(service, canary, discovery, previousSelectors);
				changes.put(service.serviceId(), parts.routes());
			}
			currentParts.put(service.serviceId(), parts);
			if (parts.selector() != null) {
				currentSelectors.put(service.serviceId(), parts.selector());
			}
		}
		for (String serviceId : previousParts.keySet()) {
			if (!currentParts.containsKey(serviceId)) {
				changes.put(serviceId, List.of());
			}
		}
		this.selectors = Map.copyOf(currentSelectors);
		this.parts = currentParts;
		if (changes.isEmpty()) {
			return this.table;
		}
		Set<Route> replaced = Collections.newSetFromMap(new IdentityHashMap<>());
		List<Route> added = new ArrayList<>();
		for (Map.Entry<String, List<Route>> change : changes.entrySet()) {
			ServiceParts previous = previousParts.get(change.getKey());
			if (previous != null) {
				replaced.addAll(previous.routes());
			}
			added.addAll(change.getValue());
		}
		this.table = new RouteTable(place(this.table.routes(), replaced, added),
				this.table.index().withServices(changes));
		return this.table;
	}

	// The previous table without the replaced routes, with the added ones placed by
	// precedence: the unchanged routes are copied, not compared again.
	private List<Route> place(List<Route> previous, Set<Route> replaced, List<Route> added) {
		Comparator<Route> order = (left, right) -> this.precedence.compare(compiled(left), compiled(right));
		List<Route> kept = new ArrayList<>(previous.size());
		for (Route route : previous) {
			if (!replaced.contains(route)) {
				kept.add(route);
			}
		}
		added.sort(order);
		List<Route> routes = new ArrayList<>(kept.size() + added.size());
		int from = 0;
		for (Route route : added) {
			int at = Collections.binarySearch(kept.subList(from, kept.size()), route, order);
			int until = from + ((at >= 0) ? at : -at - 1);
			routes.addAll(kept.subList(from, until));
			routes.add(route);
			from = until;
		}
		routes.addAll(kept.subList(from, kept.size()));
		return List.copyOf(routes);
	}

	private static CompiledRoute compiled(Route route) {
		return (CompiledRoute) route.getMetadata().get(UpstreamMetadata.COMPILED_ROUTE);
	}

	/**
	 * How many times this factory has built the routes of a service, rather than reusing
	 * those of its previous table.
	 * @return the count since creation
	 */
	public synchronized long servicesBuilt() {
		return this.servicesBuilt;
	}

	private ServiceParts serviceParts(CompiledService service, CompiledCanary canary,
			Function<DiscoveryUpstream, UpstreamBalancer> discovery,
			Map<String, CanarySideSelector> previousSelectors) {
		this.servicesBuilt++;
		UpstreamBalancer balancer = balancer(service.upstream().upstream(), discovery);
		ServiceUpstream upstream = new ServiceUpstream(service.serviceId(), service.upstream().scheme(), balancer);
		List<RoutePart> parts = new ArrayList<>();
		if (canary == null) {
			Target baseline = new Target(upstream, null, null, null);
			for (CompiledRoute route : service.routes()) {
				parts.add(new RoutePart(route, baseline));
			}
			return new ServiceParts(service, null, balancer, null, null, toRoutes(parts));
		}
		CanarySideSelector previous = previousSelectors.get(service.serviceId());
		CanarySideSelector selector = (previous != null && previous.spec().equals(canary.spec())) ? previous
				: new CanarySideSelector(service.serviceId(), canary.spec());
		UpstreamBalancer canaryBalancer = null;
		if (canary.isVersionCanary()) {
			Target baseline = new Target(upstream, null, selector, CanarySide.BASELINE);
			// Same nodes and rotation; the canary version may name another scheme.
			ServiceUpstream canaryUpstream = new ServiceUpstream(service.serviceId(),
					canary.version().upstream().scheme(), upstream.balancer());
			Target canarySide = new Target(canaryUpstream, null, selector, CanarySide.CANARY);
			for (CompiledRoute route : service.routes()) {
				parts.add(new RoutePart(route, baseline));
			}
			for (CompiledRoute route : canary.version().routes()) {
				parts.add(new RoutePart(route, canarySide));
			}
		}
		else {
			canaryBalancer = balancer(canary.upstream().upstream(), discovery);
			ServiceUpstream canaryUpstream = new ServiceUpstream(service.serviceId(), canary.upstream().scheme(),
					canaryBalancer);
			Target baseline = new Target(upstream, canaryUpstream, selector, null);
			for (CompiledRoute route : service.routes()) {
				parts.add(new RoutePart(route, baseline));
			}
		}
		return new ServiceParts(service, canary, balancer, canaryBalancer, selector, toRoutes(parts));
	}

	private static List<Route> toRoutes(List<RoutePart> parts) {
		List<Route> routes = new ArrayList<>(parts.size());
		for (RoutePart part : parts) {
			routes.add(part.toRoute());
		}
		return List.copyOf(routes);
	}

	// The live endpoints of a discovery upstream (whose identity decides reuse); null for
	// nodes, which the service's equality covers.
	private static UpstreamBalancer discovered(Upstream upstream,
			Function<DiscoveryUpstream, UpstreamBalancer> discovery) {
		return (upstream instanceof DiscoveryUpstream) ? balancer(upstream, discovery) : null;
	}

	private static UpstreamBalancer balancer(Upstream upstream,
			Function<DiscoveryUpstream, UpstreamBalancer> discovery) {
		if (upstream instanceof DiscoveryUpstream discoveryUpstream) {
			return discovery.apply(discoveryUpstream);
		}
		return new SmoothWeightedRoundRobin(((NodesUpstream) upstream).nodes());
	}

	private static URI routeUri(String serviceId) {
		// The host part is informational; UpstreamGlobalFilter reads the metadata.
		try {
			URI uri = new URI(UpstreamMetadata.SCHEME, serviceId, null, null);
			if (uri.getHost() != null) {
				return uri;
			}
		}
		catch (URISyntaxException ignored) {
			// fall through to the neutral URI below
		}
		return URI.create(UpstreamMetadata.SCHEME + "://service");
	}

	/**
	 * One route of a service, ready to be placed in a table.
	 */
	private static final class RoutePart {

		private final CompiledRoute compiled;

		private final Predicate<ServerWebExchange> predicate;

		private final Map<String, Object> metadata;

		RoutePart(CompiledRoute compiled, Target target) {
			this.compiled = compiled;
			PorticoRequestMatcher matcher = new PorticoRequestMatcher(compiled);
			Map<String, Object> metadata = new HashMap<>();
			metadata.put(UpstreamMetadata.COMPILED_ROUTE, compiled);
			metadata.put(UpstreamMetadata.SERVICE_UPSTREAM, target.upstream());
			if (target.selector() != null) {
				metadata.put(UpstreamMetadata.CANARY_SELECTOR, target.selector());
			}
			if (target.canaryUpstream() != null) {
				metadata.put(UpstreamMetadata.CANARY_UPSTREAM, target.canaryUpstream());
			}
			if (target.side() != null) {
				metadata.put(UpstreamMetadata.CANARY_SIDE, target.side());
			}
			if (compiled.connectTimeout() != null) {
				metadata.put(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR,
						(int) Math.min(Integer.MAX_VALUE, compiled.connectTimeout().toMillis()));
			}
			if (compiled.readTimeout() != null) {
				metadata.put(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, compiled.readTimeout().toMillis());
			}
			Predicate<ServerWebExchange> matches = (exchange) -> matcher.matches(
					exchange.getRequest().getMethod().name(), exchange.getRequest().getHeaders().getFirst("Host"),
					exchange.getRequest().getURI().getRawPath());
			if (target.side() != null) {
				// The side is decided only for requests that reach a route of this
				// service, so that the split counts this service's requests and nothing
				// else.
				CanarySideSelector selector = target.selector();
				CanarySide side = target.side();
				matches = matches.and((exchange) -> selector.select(exchange) == side);
			}
			this.predicate = matches;
			this.metadata = metadata;
		}

		Route toRoute() {
			// One order for all: Spring Cloud Gateway's stable sort keeps the table's
			// precedence order, and a route never changes when others are added.
			return Route.async()
				.id(this.compiled.id())
				.uri(routeUri(this.compiled.serviceId()))
				.order(ROUTE_ORDER)
				.predicate(this.predicate)
				.metadata(this.metadata)
				.build();
		}

	}

	/**
	 * The routes of one service and what they were built from.
	 *
	 * @param service the compiled service
	 * @param canary its canary, or {@code null}
	 * @param balancer the service's balancer
	 * @param canaryBalancer an upstream canary's balancer, or {@code null}
	 * @param selector the canary selector, or {@code null}
	 * @param routes the routes of both sides
	 */
	private record ServiceParts(CompiledService service, CompiledCanary canary, UpstreamBalancer balancer,
			UpstreamBalancer canaryBalancer, CanarySideSelector selector, List<Route> routes) {

		// Discovery balancers are compared by identity: a new watch means new endpoints.
		boolean isFor(CompiledService otherService, CompiledCanary otherCanary, UpstreamBalancer discovered,
				UpstreamBalancer canaryDiscovered) {
			return this.service.equals(otherService) && Objects.equals(this.canary, otherCanary)
					&& (discovered == null || discovered == this.balancer)
					&& (canaryDiscovered == null || canaryDiscovered == this.canaryBalancer);
		}

	}

	/**
	 * Where the routes of one side of a service go.
	 *
	 * @param upstream the upstream of the side's routes
	 * @param canaryUpstream the upstream canary's upstream, or {@code null}
	 * @param selector the service's canary selector, or {@code null} without a canary
	 * @param side the side a version canary's route serves, or {@code null}
	 */
	private record Target(ServiceUpstream upstream, ServiceUpstream canaryUpstream, CanarySideSelector selector,
			CanarySide side) {

	}

}

package io.portico.gateway.route;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 */
public final class RouteTableFactory {

	private final Comparator<CompiledRoute> precedence;

	/**
	 * Creates a factory with the compiler's precedence.
	 */
	public RouteTableFactory() {
		this(RoutePrecedence.INSTANCE);
	}

	/**
	 * Creates a factory.
	 * @param precedence the order in which routes are tried
	 */
	public RouteTableFactory(Comparator<CompiledRoute> precedence) {
		this.precedence = precedence;
	}

	/**
	 * The selectors of the last table, so that a rebuild keeps an unchanged canary's
	 * position in its split: other services' publishes must not disturb a running
	 * canary's exact share.
	 */
	private Map<String, CanarySideSelector> selectors = Map.of();

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
	public synchronized List<Route> build(List<CompiledService> services, List<CompiledCanary> canaries,
			Function<DiscoveryUpstream, UpstreamBalancer> discovery) {
		Map<String, CanarySideSelector> previousSelectors = this.selectors;
		Map<String, CanarySideSelector> currentSelectors = new HashMap<>();
		Map<String, CompiledCanary> canaryByService = new HashMap<>();
		for (CompiledCanary canary : canaries) {
			canaryByService.put(canary.serviceId(), canary);
		}
		Map<String, Target> baselines = new HashMap<>();
		Map<String, Target> canarySides = new HashMap<>();
		List<CompiledRoute> all = new ArrayList<>();
		for (CompiledService service : services) {
			ServiceUpstream upstream = new ServiceUpstream(service.serviceId(), service.upstream().scheme(),
					balancer(service.upstream().upstream(), discovery));
			CompiledCanary canary = canaryByService.get(service.serviceId());
			all.addAll(service.routes());
			if (canary == null) {
				baselines.put(service.serviceId(), new Target(upstream, null, null, null));
				continue;
			}
			CanarySideSelector previous = previousSelectors.get(service.serviceId());
			CanarySideSelector selector = (previous != null && previous.spec().equals(canary.spec())) ? previous
					: new CanarySideSelector(service.serviceId(), canary.spec());
			currentSelectors.put(service.serviceId(), selector);
			if (canary.isVersionCanary()) {
				baselines.put(service.serviceId(), new Target(upstream, null, selector, CanarySide.BASELINE));
				// Same nodes and rotation; the canary version may name another scheme.
				ServiceUpstream canaryUpstream = new ServiceUpstream(service.serviceId(),
						canary.version().upstream().scheme(), upstream.balancer());
				canarySides.put(service.serviceId(), new Target(canaryUpstream, null, selector, CanarySide.CANARY));
				all.addAll(canary.version().routes());
			}
			else {
				ServiceUpstream canaryUpstream = new ServiceUpstream(service.serviceId(), canary.upstream().scheme(),
						balancer(canary.upstream().upstream(), discovery));
				baselines.put(service.serviceId(), new Target(upstream, canaryUpstream, selector, null));
			}
		}
		this.selectors = Map.copyOf(currentSelectors);
		all.sort(this.precedence);
		List<Route> routes = new ArrayList<>(all.size());
		int order = 0;
		for (CompiledRoute compiled : all) {
			boolean canaryRoute = compiled.id().startsWith(compiled.serviceId() + CompiledCanary.ROUTE_ID_MARKER + "/");
			Target target = (canaryRoute ? canarySides : baselines).get(compiled.serviceId());
			routes.add(toRoute(compiled, target, order++));
		}
		return List.copyOf(routes);
	}

	private static UpstreamBalancer balancer(Upstream upstream,
			Function<DiscoveryUpstream, UpstreamBalancer> discovery) {
		if (upstream instanceof DiscoveryUpstream discoveryUpstream) {
			return discovery.apply(discoveryUpstream);
		}
		return new SmoothWeightedRoundRobin(((NodesUpstream) upstream).nodes());
	}

	private Route toRoute(CompiledRoute compiled, Target target, int order) {
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
		Predicate<ServerWebExchange> matches = (exchange) -> matcher.matches(exchange.getRequest().getMethod().name(),
				exchange.getRequest().getHeaders().getFirst("Host"), exchange.getRequest().getURI().getRawPath());
		if (target.side() != null) {
			// The side is decided only for requests that reach a route of this service,
			// so that the split counts this service's requests and nothing else.
			CanarySideSelector selector = target.selector();
			CanarySide side = target.side();
			matches = matches.and((exchange) -> selector.select(exchange) == side);
		}
		return Route.async()
			.id(compiled.id())
			.uri(routeUri(compiled.serviceId()))
			.order(order)
			.predicate(matches)
			.metadata(metadata)
			.build();
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

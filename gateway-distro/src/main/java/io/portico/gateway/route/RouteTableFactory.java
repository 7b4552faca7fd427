package io.portico.gateway.route;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.portico.compiler.RoutePrecedence;
import io.portico.compiler.model.CompiledRoute;
import io.portico.compiler.model.CompiledService;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.NodesUpstream;
import io.portico.gateway.upstream.ServiceUpstream;
import io.portico.gateway.upstream.SmoothWeightedRoundRobin;
import io.portico.gateway.upstream.UpstreamBalancer;
import io.portico.gateway.upstream.UpstreamMetadata;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;

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
	 * Builds the routes.
	 * @param services compiled services
	 * @param discovery the balancer over the live endpoints of a discovery upstream
	 * @return the routes, in the order they are tried; immutable
	 */
	public List<Route> build(List<CompiledService> services, Function<DiscoveryUpstream, UpstreamBalancer> discovery) {
		Map<String, ServiceUpstream> upstreams = new HashMap<>();
		List<CompiledRoute> all = new ArrayList<>();
		for (CompiledService service : services) {
			UpstreamBalancer balancer;
			if (service.upstream().upstream() instanceof DiscoveryUpstream upstream) {
				balancer = discovery.apply(upstream);
			}
			else {
				balancer = new SmoothWeightedRoundRobin(((NodesUpstream) service.upstream().upstream()).nodes());
			}
			upstreams.put(service.serviceId(),
					new ServiceUpstream(service.serviceId(), service.upstream().scheme(), balancer));
			all.addAll(service.routes());
		}
		all.sort(this.precedence);
		List<Route> routes = new ArrayList<>(all.size());
		int order = 0;
		for (CompiledRoute compiled : all) {
			routes.add(toRoute(compiled, upstreams.get(compiled.serviceId()), order++));
		}
		return List.copyOf(routes);
	}

	private Route toRoute(CompiledRoute compiled, ServiceUpstream upstream, int order) {
		PorticoRequestMatcher matcher = new PorticoRequestMatcher(compiled);
		Map<String, Object> metadata = new HashMap<>();
		metadata.put(UpstreamMetadata.COMPILED_ROUTE, compiled);
		metadata.put(UpstreamMetadata.SERVICE_UPSTREAM, upstream);
		if (compiled.connectTimeout() != null) {
			metadata.put(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR,
					(int) Math.min(Integer.MAX_VALUE, compiled.connectTimeout().toMillis()));
		}
		if (compiled.readTimeout() != null) {
			metadata.put(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, compiled.readTimeout().toMillis());
		}
		return Route.async()
			.id(compiled.id())
			.uri(routeUri(compiled.serviceId()))
			.order(order)
			.predicate((exchange) -> matcher.matches(exchange.getRequest().getMethod().name(),
					exchange.getRequest().getHeaders().getFirst("Host"), exchange.getRequest().getURI().getRawPath()))
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

}

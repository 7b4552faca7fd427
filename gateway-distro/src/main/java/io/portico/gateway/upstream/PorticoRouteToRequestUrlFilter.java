package io.portico.gateway.upstream;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Cloud Gateway's {@link RouteToRequestUrlFilter}, in its place, except that it
 * leaves Portico's routes alone: their request URL is the chosen node's, which
 * {@link UpstreamGlobalFilter} builds, so merging the request into the {@code portico://}
 * route URI first would be work thrown away on every request.
 */
public class PorticoRouteToRequestUrlFilter extends RouteToRequestUrlFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route != null && UpstreamMetadata.SCHEME.equals(route.getUri().getScheme())) {
			return chain.filter(exchange);
		}
		return super.filter(exchange, chain);
	}

}

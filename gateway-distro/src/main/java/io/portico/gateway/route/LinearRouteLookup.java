package io.portico.gateway.route;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Cloud Gateway's own lookup: every route of the table in turn, reactively. The
 * gateway does not serve with it; tests and benchmarks compare {@link IndexedRouteLookup}
 * against it.
 */
public final class LinearRouteLookup implements RouteLookup {

	private static final Log logger = LogFactory.getLog(LinearRouteLookup.class);

	private final List<Route> routes;

	public LinearRouteLookup(List<Route> routes) {
		this.routes = List.copyOf(routes);
	}

	@Override
	public Mono<Route> lookup(ServerWebExchange exchange) {
		return scan(this.routes, exchange);
	}

	// Spring Cloud Gateway's scan: every route in turn, reactively.
	static Mono<Route> scan(List<Route> routes, ServerWebExchange exchange) {
		return Flux.fromIterable(routes).filterWhen((route) -> test(route, exchange)).next();
	}

	// The predicate of one route, with Spring Cloud Gateway's attribute and error
	// handling.
	@SuppressWarnings("unchecked")
	static Publisher<Boolean> test(Route route, ServerWebExchange exchange) {
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_PREDICATE_ROUTE_ATTR, route.getId());
		try {
			return (Publisher<Boolean>) route.getPredicate().apply(exchange);
		}
		catch (Exception ex) {
			logger.error("Error applying predicate for route: " + route.getId(), ex);
			return Mono.just(false);
		}
	}

}

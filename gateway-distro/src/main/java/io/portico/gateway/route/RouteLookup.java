package io.portico.gateway.route;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.web.server.ServerWebExchange;

/**
 * Finds the route that serves a request: the first route of a table whose predicate
 * matches, as Spring Cloud Gateway's {@code RoutePredicateHandlerMapping} does. Example:
 * <pre>
 * RouteLookup lookup = new IndexedRouteLookup(RouteIndex.of(routes));
 * Mono&lt;Route&gt; route = lookup.lookup(exchange);
 * </pre>
 *
 * @see IndexedRouteLookup
 * @see LinearRouteLookup
 */
public interface RouteLookup {

	/**
	 * Finds the route of one request.
	 * @param exchange the exchange
	 * @return the route, or empty when none matches
	 */
	Mono<Route> lookup(ServerWebExchange exchange);

}

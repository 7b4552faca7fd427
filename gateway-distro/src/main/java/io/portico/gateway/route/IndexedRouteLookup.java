package io.portico.gateway.route;

import java.util.List;
import java.util.concurrent.Callable;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The lookup the {@link PorticoRoutePredicateHandlerMapping} serves with: the
 * {@link RouteIndex} narrows a request to its candidates, whose full predicates (canary
 * sides included) are then evaluated in order, with the same exchange attributes and
 * error handling as Spring Cloud Gateway's {@code RoutePredicateHandlerMapping}, so the
 * route found is the one its linear scan finds.
 *
 * <p>
 * Predicates that answer at once (Spring Cloud Gateway's {@code AsyncPredicate.from}
 * does) are evaluated in a plain loop; from the first one that does not, the rest are
 * evaluated reactively, as {@link LinearRouteLookup} does.
 */
public final class IndexedRouteLookup implements RouteLookup {

	private final RouteIndex index;

	public IndexedRouteLookup(RouteIndex index) {
		this.index = index;
	}

	/**
	 * The index this lookup narrows requests with.
	 * @return the index
	 */
	public RouteIndex index() {
		return this.index;
	}

	@Override
	public Mono<Route> lookup(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		List<Route> candidates = this.index.candidates(request.getMethod().name(),
				request.getHeaders().getFirst("Host"), request.getURI().getRawPath());
		for (int i = 0; i < candidates.size(); i++) {
			Route route = candidates.get(i);
			Publisher<Boolean> result = LinearRouteLookup.test(route, exchange);
			if (!(result instanceof Callable<?> immediate)) {
				List<Route> rest = candidates.subList(i + 1, candidates.size());
				return Mono.from(result)
					.defaultIfEmpty(false)
					.flatMap((matched) -> matched ? Mono.just(route) : LinearRouteLookup.scan(rest, exchange));
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

}

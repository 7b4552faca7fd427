package io.portico.gateway.route;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Cloud Gateway's handler mapping with the route lookup replaced by an
 * {@link IndexedRouteLookup}: instead of testing every route in turn, a request is tested
 * only against the routes its host and path can reach (and the routes that cannot be
 * indexed), in the same order, so the route found is the same.
 *
 * <p>
 * After every route refresh ({@link RefreshRoutesResultEvent}) the index of Portico's
 * routes, which {@link PorticoRouteLocator} maintains per service, is combined with the
 * refreshed table's other routes, off the event loop, and swapped with one volatile
 * write: lookups never wait, and each lookup sees one whole table, the old or the new.
 * Until the first refresh the inherited linear lookup serves.
 */
public class PorticoRoutePredicateHandlerMapping extends RoutePredicateHandlerMapping
		implements ApplicationListener<RefreshRoutesResultEvent> {

	private static final Log logger = LogFactory.getLog(PorticoRoutePredicateHandlerMapping.class);

	private final RouteLocator routeLocator;

	private final PorticoRouteLocator porticoRoutes;

	private volatile IndexedRouteLookup lookup;

	private long requested;

	private long installed;

	public PorticoRoutePredicateHandlerMapping(FilteringWebHandler webHandler, RouteLocator routeLocator,
			GlobalCorsProperties globalCorsProperties, Environment environment) {
		this(webHandler, routeLocator, null, globalCorsProperties, environment);
	}

	/**
	 * Creates the mapping that takes Portico's routes from the index the
	 * {@link PorticoRouteLocator} maintains incrementally, and only places the table's
	 * other routes around them.
	 * @param webHandler the gateway's filtering handler
	 * @param routeLocator the (caching) route locator
	 * @param porticoRoutes the locator of Portico's routes and their index; {@code null}
	 * to index the whole table on each refresh
	 * @param globalCorsProperties the gateway's CORS settings
	 * @param environment the environment
	 */
	public PorticoRoutePredicateHandlerMapping(FilteringWebHandler webHandler, RouteLocator routeLocator,
			PorticoRouteLocator porticoRoutes, GlobalCorsProperties globalCorsProperties, Environment environment) {
		super(webHandler, routeLocator, globalCorsProperties, environment);
		this.routeLocator = routeLocator;
		this.porticoRoutes = porticoRoutes;
	}

	@Override
	protected Mono<Route> lookupRoute(ServerWebExchange exchange) {
		IndexedRouteLookup current = this.lookup;
		if (current == null) {
			return super.lookupRoute(exchange);
		}
		return current.lookup(exchange).map((route) -> {
			validateRoute(route, exchange);
			return route;
		});
	}

	@Override
	public void onApplicationEvent(RefreshRoutesResultEvent event) {
		if (event.isSuccess()) {
			rebuild();
		}
	}

	/**
	 * The index serving now.
	 * @return the index, or {@code null} before the first route refresh
	 */
	public RouteIndex currentIndex() {
		IndexedRouteLookup current = this.lookup;
		return (current != null) ? current.index() : null;
	}

	private void rebuild() {
		long generation;
		synchronized (this) {
			generation = ++this.requested;
		}
		this.routeLocator.getRoutes()
			.collectList()
			// Indexing 10,000 routes takes milliseconds: never on an event loop.
			.publishOn(Schedulers.isInNonBlockingThread() ? Schedulers.boundedElastic() : Schedulers.immediate())
			.subscribe((routes) -> install(generation, routes),
					(ex) -> logger.warn("Cannot index the route table, keeping the previous index", ex));
	}

	private void install(long generation, List<Route> routes) {
		// Portico's part is maintained per service by the locator: only the other routes
		// of the table are placed here (a scan of the table, no indexing).
		RouteIndex built = (this.porticoRoutes != null) ? this.porticoRoutes.currentIndex().withOthers(routes)
				: RouteIndex.of(routes);
		synchronized (this) {
			// Refreshes may finish out of order; never replace a newer table.
			if (generation > this.installed) {
				this.installed = generation;
				this.lookup = new IndexedRouteLookup(built);
			}
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Indexed " + built.size() + " routes, " + built.fallbackSize() + " tried for every request");
		}
	}

}

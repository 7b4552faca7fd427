package io.portico.gateway.route;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Flux;

import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The routes of the gateway group, as one immutable table swapped atomically.
 *
 * <p>
 * {@link #replace(List)} installs a new table and publishes a {@link RefreshRoutesEvent}
 * so that Spring Cloud Gateway's {@code CachingRouteLocator} swaps its cache: requests in
 * flight finish on the old table, new ones see the new one, and no request ever sees a
 * mix.
 */
public class PorticoRouteLocator implements RouteLocator {

	private final AtomicReference<RouteTable> table = new AtomicReference<>(
			new RouteTable(List.of(), RouteIndex.empty()));

	private final ApplicationEventPublisher events;

	public PorticoRouteLocator(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Override
	public Flux<Route> getRoutes() {
		return Flux.fromIterable(this.table.get().routes());
	}

	/**
	 * The current table.
	 * @return the routes in the order they are tried
	 */
	public List<Route> currentRoutes() {
		return this.table.get().routes();
	}

	/**
	 * The index of the current table.
	 * @return the index
	 */
	public RouteIndex currentIndex() {
		return this.table.get().index();
	}

	/**
	 * Installs a new table with its index and tells the gateway to refresh its route
	 * cache.
	 * @param table the routes and their index
	 */
	public void replace(RouteTable table) {
		this.table.set(table);
		this.events.publishEvent(new RefreshRoutesEvent(this));
	}

}

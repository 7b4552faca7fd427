package io.portico.gateway.route;

import java.util.List;

import org.springframework.cloud.gateway.route.Route;

/**
 * The gateway group's routes in the order they are tried, with their index, built
 * together and swapped together.
 *
 * @param routes the routes, Portico's in precedence order; immutable
 * @param index the index of the same routes
 */
public record RouteTable(List<Route> routes, RouteIndex index) {

	public RouteTable {
		routes = List.copyOf(routes);
	}

}

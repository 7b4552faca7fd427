package io.portico.gateway.route;

import io.portico.compiler.model.CompiledRoute;

import org.springframework.cloud.gateway.route.Route;

/**
 * One Portico route with what the {@link RouteIndex} needs of it.
 *
 * @param route the route
 * @param compiled its compiled form
 * @param matcher its path, method and host matcher
 */
record IndexedRoute(Route route, CompiledRoute compiled, PorticoRequestMatcher matcher) {

	static final IndexedRoute[] NONE = new IndexedRoute[0];

}

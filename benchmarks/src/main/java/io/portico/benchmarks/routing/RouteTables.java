package io.portico.benchmarks.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.portico.compiler.model.CompiledRoute;
import io.portico.compiler.model.CompiledService;
import io.portico.compiler.model.Node;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.PassHost;
import io.portico.compiler.model.PathMatch;
import io.portico.compiler.model.UpstreamTarget;
import io.portico.gateway.route.RouteTableFactory;
import io.portico.gateway.upstream.UpstreamMetadata;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/**
 * Generated route tables: services of ten routes each, a mix of exact
 * ({@code /svc-7/items-0}), template ({@code /svc-7/items-1/{id}}) and prefix
 * ({@code /svc-7/files-2/}) paths, built by the gateway's {@link RouteTableFactory}.
 */
final class RouteTables {

	private static final int ROUTES_PER_SERVICE = 10;

	private RouteTables() {
	}

	/**
	 * The gateway routes of a table.
	 * @param size the number of routes
	 * @return the routes in the order they are tried
	 */
	static List<Route> routes(int size) {
		return new RouteTableFactory().build(services(size));
	}

	/**
	 * The compiled services of a table, ten routes each.
	 * @param size the number of routes
	 * @return the services
	 */
	static List<CompiledService> services(int size) {
		List<CompiledService> services = new ArrayList<>();
		UpstreamTarget upstream = new UpstreamTarget("http",
				new NodesUpstream(List.of(new Node("127.0.0.1", 8080, 100))));
		for (int s = 0; s * ROUTES_PER_SERVICE < size; s++) {
			List<CompiledRoute> routes = new ArrayList<>();
			for (int r = 0; r < ROUTES_PER_SERVICE && s * ROUTES_PER_SERVICE + r < size; r++) {
				routes.add(new CompiledRoute("svc-" + s + "/r" + r + "/0", "svc-" + s, "r" + r, "r" + r, path(s, r),
						List.of(), List.of(), "", PassHost.PASS, null, Duration.ofSeconds(5), Duration.ofSeconds(30)));
			}
			services.add(new CompiledService("default", "svc-" + s, "svc-" + s, "1.0.0", upstream, routes));
		}
		return services;
	}

	/**
	 * The next version of a service: the same routes under other paths.
	 * @param service the service
	 * @return the changed service
	 */
	static CompiledService nextVersion(CompiledService service) {
		List<CompiledRoute> routes = new ArrayList<>();
		for (CompiledRoute route : service.routes()) {
			String pattern = route.path().pattern().replace("/items-", "/items-v2-").replace("/files-", "/files-v2-");
			routes.add(new CompiledRoute(route.id(), route.serviceId(), route.routeId(), route.routeName(),
					new PathMatch(route.path().kind(), pattern), route.methods(), route.hosts(), route.stripPrefix(),
					route.passHost(), route.upstreamHost(), route.connectTimeout(), route.readTimeout()));
		}
		return new CompiledService(service.gatewayGroupId(), service.serviceId(), service.serviceName(), "1.0.1",
				service.upstream(), routes);
	}

	private static PathMatch path(int service, int route) {
		switch (route % 3) {
			case 0:
				return new PathMatch(PathMatch.Kind.EXACT, "/svc-" + service + "/items-" + route);
			case 1:
				return new PathMatch(PathMatch.Kind.TEMPLATE, "/svc-" + service + "/items-" + route + "/{id}");
			default:
				return new PathMatch(PathMatch.Kind.PREFIX, "/svc-" + service + "/files-" + route + "/");
		}
	}

	/**
	 * A request path that the route serves.
	 * @param route the route
	 * @return a matching path
	 */
	static String pathOf(Route route) {
		PathMatch path = ((CompiledRoute) route.getMetadata().get(UpstreamMetadata.COMPILED_ROUTE)).path();
		switch (path.kind()) {
			case EXACT:
				return path.pattern();
			case TEMPLATE:
				return path.pattern().replace("{id}", "42");
			default:
				return path.pattern() + "a/b";
		}
	}

	/**
	 * A GET exchange.
	 * @param path the request path
	 * @return the exchange
	 */
	static MockServerWebExchange exchange(String path) {
		return MockServerWebExchange
			.from(MockServerHttpRequest.get("http://localhost" + path).header("Host", "gateway.example.com"));
	}

}

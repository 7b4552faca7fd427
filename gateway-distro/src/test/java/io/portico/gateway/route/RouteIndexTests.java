package io.portico.gateway.route;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.CompiledRoute;
import io.portico.compiler.model.CompiledService;
import io.portico.compiler.model.Node;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.PassHost;
import io.portico.compiler.model.PathMatch;
import io.portico.compiler.model.PathMatch.Kind;
import io.portico.compiler.model.UpstreamTarget;
import io.portico.gateway.canary.CompiledCanary;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class RouteIndexTests {

	private static final String[] SEGMENTS = { "a", "b", "items", "it", "x", "" };

	private static final String[] HOSTS = { "api.example.com", "*.example.com", "other.org", "*.b.example.com" };

	private static final String[] REQUEST_HOSTS = { null, "api.example.com", "API.Example.com:9080", "x.b.example.com",
			"example.com", "other.org", "other.org.", "[::1]:80" };

	private static final String[] METHODS = { "GET", "POST", "PUT" };

	private static CompiledRoute route(String serviceId, String id, Kind kind, String pattern, List<String> methods,
			List<String> hosts) {
		return new CompiledRoute(serviceId + "/" + id + "/0", serviceId, id, id, new PathMatch(kind, pattern), methods,
				hosts, "", PassHost.PASS, null, Duration.ofSeconds(2), Duration.ofSeconds(2));
	}

	private static CompiledRoute route(String serviceId, String id, Kind kind, String pattern) {
		return route(serviceId, id, kind, pattern, List.of(), List.of());
	}

	private static CompiledService service(String serviceId, List<CompiledRoute> routes) {
		return new CompiledService("default", serviceId, serviceId, "1.0.0",
				new UpstreamTarget("http", new NodesUpstream(List.of(new Node("127.0.0.1", 8080, 100)))), routes);
	}

	private static Route plain(String id, String pathPrefix) {
		return Route.async()
			.id(id)
			.uri("http://localhost:1")
			.predicate((exchange) -> exchange.getRequest().getURI().getRawPath().startsWith(pathPrefix))
			.build();
	}

	private static String lookup(RouteIndex index, MockServerWebExchange exchange) {
		return lookup(new IndexedRouteLookup(index), exchange);
	}

	private static String lookup(RouteLookup lookup, MockServerWebExchange exchange) {
		String[] found = { "none" };
		StepVerifier.create(lookup.lookup(exchange))
			.thenConsumeWhile((route) -> true, (route) -> found[0] = route.getId())
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		return found[0];
	}

	private static MockServerWebExchange request(String method, String host, String path) {
		MockServerHttpRequest.BaseBuilder<?> builder = MockServerHttpRequest.method(HttpMethod.valueOf(method),
				URI.create("http://localhost" + path));
		if (host != null) {
			builder.header("Host", host);
		}
		return MockServerWebExchange.from(builder);
	}

	private static String randomPath(Random random, int maxSegments) {
		StringBuilder path = new StringBuilder();
		int count = random.nextInt(maxSegments + 1);
		for (int i = 0; i < count; i++) {
			path.append('/').append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
		}
		return (path.length() == 0) ? "/" : path.toString();
	}

	private static CompiledRoute randomRoute(Random random, String serviceId, String id) {
		Kind kind = Kind.values()[random.nextInt(3)];
		String pattern;
		if (kind == Kind.TEMPLATE) {
			StringBuilder template = new StringBuilder();
			int count = 1 + random.nextInt(3);
			for (int i = 0; i < count; i++) {
				template.append('/')
					.append(random.nextBoolean() ? "{p" + i + "}" : SEGMENTS[random.nextInt(SEGMENTS.length)]);
			}
			pattern = template + (random.nextBoolean() ? "/*" : "");
		}
		else if (kind == Kind.PREFIX) {
			String base = randomPath(random, 2);
			pattern = base.endsWith("/") ? base
					: base + (random.nextBoolean() ? "/" : SEGMENTS[random.nextInt(SEGMENTS.length)]);
		}
		else {
			pattern = randomPath(random, 3);
		}
		List<String> methods = random.nextInt(3) == 0 ? List.of(METHODS[random.nextInt(2)]) : List.of();
		List<String> hosts = random.nextInt(3) == 0 ? List.of(HOSTS[random.nextInt(HOSTS.length)]) : List.of();
		if (random.nextInt(10) == 0) {
			hosts = List.of("api.example.com", "*.example.com");
		}
		return route(serviceId, id, kind, pattern, methods, hosts);
	}

	@Test
	void lookup_randomTablesAndRequests_findsTheRouteALinearScanFinds() {
		Random random = new Random(20261126L);
		int compared = 0;
		int found = 0;
		for (int table = 0; table < 60; table++) {
			List<CompiledService> services = new ArrayList<>();
			int serviceCount = 1 + random.nextInt(8);
			for (int s = 0; s < serviceCount; s++) {
				List<CompiledRoute> routes = new ArrayList<>();
				int routeCount = 1 + random.nextInt(6);
				for (int r = 0; r < routeCount; r++) {
					routes.add(randomRoute(random, "s" + s, "r" + r));
				}
				services.add(service("s" + s, routes));
			}
			List<Route> routes = new ArrayList<>(new RouteTableFactory().build(services));
			// Portico's routes share one order, so other routes sit before or after them.
			int plainCount = random.nextInt(3);
			for (int p = 0; p < plainCount; p++) {
				routes.add(random.nextBoolean() ? 0 : routes.size(), plain("plain-" + p, randomPath(random, 1)));
			}
			RouteIndex index = RouteIndex.of(routes);
			RouteLookup linear = new LinearRouteLookup(routes);
			assertThat(index.fallbackSize()).isEqualTo(plainCount);
			found += compareRandomRequests(random, 150, linear, index, "table " + table);
			compared += 150;
		}
		assertThat(compared).isEqualTo(60 * 150);
		// The property is only meaningful if many requests do find a route.
		assertThat(found).isGreaterThan(compared / 4);
	}

	@Test
	void withServices_randomPublishes_findTheRouteALinearScanOfAFreshTableFinds() {
		Random random = new Random(20261127L);
		RouteTableFactory incremental = new RouteTableFactory();
		Map<String, CompiledService> published = new TreeMap<>();
		int compared = 0;
		int found = 0;
		for (int step = 0; step < 80; step++) {
			// One publish: add or replace a service, or remove one.
			String serviceId = "s" + random.nextInt(12);
			if (published.containsKey(serviceId) && random.nextInt(4) == 0) {
				published.remove(serviceId);
			}
			else {
				List<CompiledRoute> routes = new ArrayList<>();
				int routeCount = 1 + random.nextInt(5);
				for (int r = 0; r < routeCount; r++) {
					routes.add(randomRoute(random, serviceId, "r" + r));
				}
				published.put(serviceId, service(serviceId, routes));
			}
			List<CompiledService> services = new ArrayList<>(published.values());
			Collections.shuffle(services, random);
			RouteTable table = incremental.buildTable(services, List.of(), (discovery) -> null);
			List<Route> fresh = new RouteTableFactory().build(services);

			assertThat(table.routes()).extracting(Route::getId)
				.as("step %d", step)
				.containsExactlyElementsOf(fresh.stream().map(Route::getId).toList());
			assertThat(table.index().size()).isEqualTo(fresh.size());
			RouteLookup linear = new LinearRouteLookup(fresh);
			found += compareRandomRequests(random, 40, linear, table.index(), "step " + step);
			compared += 40;
		}
		assertThat(compared).isEqualTo(80 * 40);
		assertThat(found).isGreaterThan(compared / 4);
	}

	// Asserts that the index finds the route the linear scan finds for random requests;
	// returns how many of them found a route.
	private static int compareRandomRequests(Random random, int requests, RouteLookup linear, RouteIndex index,
			String where) {
		int found = 0;
		for (int request = 0; request < requests; request++) {
			String method = METHODS[random.nextInt(METHODS.length)];
			String host = REQUEST_HOSTS[random.nextInt(REQUEST_HOSTS.length)];
			String path = randomPath(random, 4) + (random.nextInt(4) == 0 ? "/" : "");
			String expected = lookup(linear, request(method, host, path));
			assertThat(lookup(index, request(method, host, path))).as("%s, %s %s %s", where, method, host, path)
				.isEqualTo(expected);
			found += expected.equals("none") ? 0 : 1;
		}
		return found;
	}

	@Test
	void withServices_leavesThePreviousIndexAsItWas() {
		List<Route> v1 = new RouteTableFactory().build(List.of(service("svc", List.of(
				route("svc", "a", Kind.PREFIX, "/a/"),
				route("svc", "t", Kind.TEMPLATE, "/t/{id}", List.of(), List.of("api.example.com", "*.example.com"))))));
		List<Route> v2 = new RouteTableFactory()
			.build(List.of(service("svc", List.of(route("svc", "b", Kind.EXACT, "/b")))));
		RouteIndex before = RouteIndex.empty().withServices(Map.of("svc", v1));

		RouteIndex after = before.withServices(Map.of("svc", v2));
		RouteIndex removed = after.withServices(Map.of("svc", List.of()));

		assertThat(lookup(before, request("GET", null, "/a/x"))).isEqualTo("svc/a/0");
		assertThat(lookup(before, request("GET", "x.example.com", "/t/1"))).isEqualTo("svc/t/0");
		assertThat(lookup(before, request("GET", null, "/b"))).isEqualTo("none");
		assertThat(lookup(after, request("GET", null, "/a/x"))).isEqualTo("none");
		assertThat(lookup(after, request("GET", "x.example.com", "/t/1"))).isEqualTo("none");
		assertThat(lookup(after, request("GET", null, "/b"))).isEqualTo("svc/b/0");
		assertThat(removed.size()).isZero();
		assertThat(lookup(removed, request("GET", null, "/b"))).isEqualTo("none");
	}

	@Test
	void lookup_hostWildcard_servesSubdomainsButNotTheDomainItself() {
		RouteIndex index = RouteIndex.of(new RouteTableFactory().build(
				List.of(service("svc", List.of(route("svc", "w", Kind.PREFIX, "/", List.of(), List.of("*.example.com")),
						route("svc", "e", Kind.PREFIX, "/", List.of(), List.of("api.example.com")))))));

		assertThat(lookup(index, request("GET", "api.example.com:9080", "/x"))).isEqualTo("svc/e/0");
		assertThat(lookup(index, request("GET", "a.b.EXAMPLE.com", "/x"))).isEqualTo("svc/w/0");
		assertThat(lookup(index, request("GET", "example.com", "/x"))).isEqualTo("none");
		assertThat(lookup(index, request("GET", null, "/x"))).isEqualTo("none");
	}

	@Test
	void lookup_exactBeforeTemplateBeforePrefix_asThePrecedenceOrders() {
		RouteIndex index = RouteIndex
			.of(new RouteTableFactory().build(List.of(service("p", List.of(route("p", "p", Kind.PREFIX, "/items/"))),
					service("t", List.of(route("t", "t", Kind.TEMPLATE, "/items/{id}"))),
					service("e", List.of(route("e", "e", Kind.EXACT, "/items/7"))))));

		assertThat(lookup(index, request("GET", null, "/items/7"))).isEqualTo("e/e/0");
		assertThat(lookup(index, request("GET", null, "/items/8"))).isEqualTo("t/t/0");
		assertThat(lookup(index, request("GET", null, "/items/8/x"))).isEqualTo("p/p/0");
		assertThat(lookup(index, request("GET", null, "/items"))).isEqualTo("none");
	}

	@Test
	void lookup_parameterWithinASegment_beforeAWholeSegmentParameter_andOnlyWhereItsTextMatches() {
		RouteIndex index = RouteIndex.of(new RouteTableFactory()
			.build(List.of(service("f", List.of(route("f", "f", Kind.TEMPLATE, "/files/{name}.{ext}"))),
					service("r", List.of(route("r", "r", Kind.TEMPLATE, "/reports/report-{id}"))),
					service("w", List.of(route("w", "w", Kind.TEMPLATE, "/files/{id}"))))));

		assertThat(lookup(index, request("GET", null, "/files/report.pdf"))).isEqualTo("f/f/0");
		assertThat(lookup(index, request("GET", null, "/files/report"))).isEqualTo("w/w/0");
		assertThat(lookup(index, request("GET", null, "/reports/report-7"))).isEqualTo("r/r/0");
		assertThat(lookup(index, request("GET", null, "/reports/summary"))).isEqualTo("none");
	}

	@Test
	void lookup_methodRestrictedRoute_servesOnlyItsMethodsAndLetsOthersFallThrough() {
		RouteIndex index = RouteIndex.of(new RouteTableFactory()
			.build(List.of(service("svc", List.of(route("svc", "post", Kind.EXACT, "/x", List.of("POST"), List.of()),
					route("svc", "any", Kind.PREFIX, "/", List.of(), List.of()))))));

		assertThat(lookup(index, request("POST", null, "/x"))).isEqualTo("svc/post/0");
		assertThat(lookup(index, request("GET", null, "/x"))).isEqualTo("svc/any/0");
	}

	@Test
	void lookup_otherRoutes_keepTheirPlaceBeforeOrAfterPorticosRoutes() {
		List<Route> routes = new ArrayList<>(new RouteTableFactory().build(List.of(service("svc",
				List.of(route("svc", "e", Kind.EXACT, "/a/b"), route("svc", "p", Kind.PREFIX, "/a/"))))));
		routes.add(0, plain("first", "/a/b/c"));
		routes.add(plain("last", "/a"));
		RouteIndex index = RouteIndex.of(routes);

		assertThat(index.fallbackSize()).isEqualTo(2);
		assertThat(lookup(index, request("GET", null, "/a/b/c"))).isEqualTo("first");
		assertThat(lookup(index, request("GET", null, "/a/b"))).isEqualTo("svc/e/0");
		assertThat(lookup(index, request("GET", null, "/a/c"))).isEqualTo("svc/p/0");
		assertThat(lookup(index, request("GET", null, "/a"))).isEqualTo("last");
		assertThat(lookup(index, request("GET", null, "/z"))).isEqualTo("none");
	}

	@Test
	void lookup_versionCanary_stillAppliesTheSidePredicate() {
		CompiledRoute canaryRoute = route("svc", "n", Kind.PREFIX, "/n/");
		CompiledService canaryVersion = service("svc",
				List.of(new CompiledRoute("svc" + CompiledCanary.ROUTE_ID_MARKER + "/n/0", "svc", "n", "n",
						canaryRoute.path(), List.of(), List.of(), "", PassHost.PASS, null, canaryRoute.connectTimeout(),
						canaryRoute.readTimeout())));
		CompiledCanary canary = new CompiledCanary("svc", new CanarySpec(50, null, null, null, "1.1.0"), null,
				canaryVersion);
		RouteIndex index = RouteIndex
			.of(new RouteTableFactory().build(List.of(service("svc", List.of(route("svc", "r", Kind.PREFIX, "/s/")))),
					List.of(canary), (discovery) -> null));

		// Weight 50: the first request of the service is baseline, the second canary.
		assertThat(lookup(index, request("GET", null, "/n/x"))).isEqualTo("none");
		assertThat(lookup(index, request("GET", null, "/n/x"))).isEqualTo("svc@canary/n/0");
	}

	@Test
	void lookup_setsThePredicateRouteAttributeLikeTheGateway() {
		RouteIndex index = RouteIndex
			.of(new RouteTableFactory().build(List.of(service("svc", List.of(route("svc", "e", Kind.EXACT, "/x"))))));
		MockServerWebExchange exchange = request("GET", null, "/x");

		assertThat(lookup(index, exchange)).isEqualTo("svc/e/0");
		assertThat((String) exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_PREDICATE_ROUTE_ATTR))
			.isEqualTo("svc/e/0");
	}

	@Test
	void candidates_tenThousandRoutes_narrowsToTheMatchingFew() {
		List<CompiledService> services = new ArrayList<>();
		for (int s = 0; s < 1000; s++) {
			List<CompiledRoute> routes = new ArrayList<>();
			for (int r = 0; r < 10; r++) {
				Kind kind = Kind.values()[r % 3];
				String pattern = switch (kind) {
					case EXACT -> "/svc-" + s + "/r" + r;
					case TEMPLATE -> "/svc-" + s + "/r" + r + "/{id}";
					default -> "/svc-" + s + "/r" + r + "/";
				};
				routes.add(route("svc-" + s, "r" + r, kind, pattern));
			}
			services.add(service("svc-" + s, routes));
		}
		RouteIndex index = RouteIndex.of(new RouteTableFactory().build(services));

		assertThat(index.size()).isEqualTo(10_000);
		assertThat(index.candidates("GET", null, "/svc-999/r1/7")).extracting(Route::getId)
			.containsExactly("svc-999/r1/0");
		assertThat(index.candidates("GET", null, "/svc-5/r2/a/b")).extracting(Route::getId)
			.containsExactly("svc-5/r2/0");
		assertThat(index.candidates("GET", null, "/missing")).isEmpty();
	}

}

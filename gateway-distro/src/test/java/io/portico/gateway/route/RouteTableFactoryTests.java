package io.portico.gateway.route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.CompiledRoute;
import io.portico.compiler.model.CompiledService;
import io.portico.compiler.model.Node;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.PassHost;
import io.portico.compiler.model.PathMatch;
import io.portico.compiler.model.PathMatch.Kind;
import io.portico.compiler.model.UpstreamTarget;
import io.portico.gateway.canary.CanarySide;
import io.portico.gateway.canary.CanarySideSelector;
import io.portico.gateway.canary.CompiledCanary;
import io.portico.gateway.upstream.ServiceUpstream;
import io.portico.gateway.upstream.UpstreamMetadata;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableFactoryTests {

	private static CompiledRoute route(String serviceId, String id, Kind kind, String pattern) {
		return new CompiledRoute(serviceId + "/" + id + "/0", serviceId, id, id, new PathMatch(kind, pattern),
				List.of(), List.of(), "", PassHost.PASS, null, Duration.ofSeconds(2), Duration.ofMillis(1500));
	}

	private static CompiledService service(String serviceId, CompiledRoute... routes) {
		return new CompiledService("default", serviceId, serviceId, "1.0.0",
				new UpstreamTarget("http", new NodesUpstream(List.of(new Node("127.0.0.1", 8080, 100)))),
				List.of(routes));
	}

	@Test
	void build_ordersAllServicesByPrecedence() {
		List<Route> routes = new RouteTableFactory().build(List.of(service("a", route("a", "p", Kind.PREFIX, "/x/")),
				service("b", route("b", "e", Kind.EXACT, "/x/y"), route("b", "deep", Kind.PREFIX, "/x/y/"))));
		assertThat(routes).extracting(Route::getId).containsExactly("b/e/0", "b/deep/0", "a/p/0");
		// One order for all: the list is the order, and Spring Cloud Gateway's stable
		// sort
		// keeps it.
		assertThat(routes).extracting(Route::getOrder).containsOnly(RouteTableFactory.ROUTE_ORDER);
	}

	@Test
	void buildTable_oneServiceChanged_rebuildsAndReindexesOnlyThatService() {
		RouteTableFactory factory = new RouteTableFactory();
		CompiledService a = service("a", route("a", "p", Kind.PREFIX, "/a/"));
		CompiledService b = service("b", route("b", "p", Kind.PREFIX, "/b/"));
		CompiledService c = service("c", route("c", "e", Kind.EXACT, "/c"));
		RouteTable first = factory.buildTable(List.of(a, b, c), List.of(), (discovery) -> null);
		long built = factory.servicesBuilt();

		CompiledService b2 = service("b", route("b", "p", Kind.PREFIX, "/b/"), route("b", "e", Kind.EXACT, "/b"));
		RouteTable second = factory.buildTable(List.of(a, b2, c), List.of(), (discovery) -> null);

		assertThat(factory.servicesBuilt()).isEqualTo(built + 1);
		assertThat(second.index().serviceRoutes("a")).singleElement().isSameAs(first.index().serviceRoutes("a").get(0));
		assertThat(second.index().serviceRoutes("c")).singleElement().isSameAs(first.index().serviceRoutes("c").get(0));
		assertThat(second.routes()).extracting(Route::getId)
			.containsExactlyElementsOf(
					new RouteTableFactory().build(List.of(a, b2, c)).stream().map(Route::getId).toList());
		assertThat(second.index().candidates("GET", null, "/b")).extracting(Route::getId).containsExactly("b/e/0");
		// The previous table and index are untouched: lookups still using them are not
		// disturbed.
		assertThat(first.routes()).hasSize(3);
		assertThat(first.index().candidates("GET", null, "/b")).isEmpty();
	}

	@Test
	void buildTable_serviceRemoved_dropsItsRoutesFromTableAndIndex() {
		RouteTableFactory factory = new RouteTableFactory();
		CompiledService a = service("a", route("a", "p", Kind.PREFIX, "/a/"));
		CompiledService b = service("b", route("b", "p", Kind.PREFIX, "/b/"));
		factory.buildTable(List.of(a, b), List.of(), (discovery) -> null);

		RouteTable table = factory.buildTable(List.of(a), List.of(), (discovery) -> null);

		assertThat(table.routes()).extracting(Route::getId).containsExactly("a/p/0");
		assertThat(table.index().size()).isEqualTo(1);
		assertThat(table.index().candidates("GET", null, "/b/x")).isEmpty();
	}

	@Test
	void buildTable_nothingChanged_returnsTheSameTable() {
		RouteTableFactory factory = new RouteTableFactory();
		List<CompiledService> services = List.of(service("a", route("a", "p", Kind.PREFIX, "/a/")));
		RouteTable first = factory.buildTable(services, List.of(), (discovery) -> null);

		assertThat(factory.buildTable(services, List.of(), (discovery) -> null)).isSameAs(first);
	}

	@Test
	void build_putsRouteUpstreamAndTimeoutsIntoMetadata() {
		Route route = new RouteTableFactory().build(List.of(service("svc", route("svc", "r", Kind.PREFIX, "/s/"))))
			.get(0);
		assertThat(route.getUri()).hasToString("portico://svc");
		assertThat(route.getMetadata().get(UpstreamMetadata.COMPILED_ROUTE)).isInstanceOf(CompiledRoute.class);
		assertThat(route.getMetadata().get(UpstreamMetadata.SERVICE_UPSTREAM)).isInstanceOfSatisfying(
				ServiceUpstream.class, (upstream) -> assertThat(upstream.nextNode().port()).isEqualTo(8080));
		assertThat(route.getMetadata().get(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR)).isEqualTo(2000);
		assertThat(route.getMetadata().get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR)).isEqualTo(1500L);
	}

	@Test
	void build_serviceIdThatIsNoHostName_stillGetsAPorticoUri() {
		Route route = new RouteTableFactory()
			.build(List.of(service("my_service", route("my_service", "r", Kind.PREFIX, "/s/"))))
			.get(0);
		assertThat(route.getUri().getScheme()).isEqualTo("portico");
	}

	private static CompiledRoute canaryRoute(String serviceId, String id, Kind kind, String pattern) {
		CompiledRoute route = route(serviceId, id, kind, pattern);
		return new CompiledRoute(serviceId + CompiledCanary.ROUTE_ID_MARKER + "/" + id + "/0", serviceId, id, id,
				route.path(), route.methods(), route.hosts(), "", PassHost.PASS, null, route.connectTimeout(),
				route.readTimeout());
	}

	private static boolean matches(Route route, MockServerWebExchange exchange) {
		Boolean[] result = new Boolean[1];
		StepVerifier.create(Mono.from(route.getPredicate().apply(exchange)))
			.consumeNextWith((value) -> result[0] = value)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		return result[0];
	}

	@Test
	void build_upstreamCanary_keepsTheRoutesAndAddsTheCanaryUpstreamAndSelector() {
		CompiledCanary canary = new CompiledCanary("svc", new CanarySpec(20, null, null, null, null),
				new UpstreamTarget("http", new NodesUpstream(List.of(new Node("127.0.0.1", 9090, 100)))), null);

		List<Route> routes = new RouteTableFactory().build(
				List.of(service("svc", route("svc", "r", Kind.PREFIX, "/s/"))), List.of(canary), (discovery) -> null);

		assertThat(routes).singleElement().satisfies((route) -> {
			assertThat(route.getMetadata().get(UpstreamMetadata.CANARY_UPSTREAM)).isInstanceOfSatisfying(
					ServiceUpstream.class, (upstream) -> assertThat(upstream.nextNode().port()).isEqualTo(9090));
			assertThat(route.getMetadata().get(UpstreamMetadata.CANARY_SELECTOR))
				.isInstanceOf(CanarySideSelector.class);
			assertThat(route.getMetadata()).doesNotContainKey(UpstreamMetadata.CANARY_SIDE);
		});
	}

	@Test
	void build_versionCanary_guardsBothVersionsRoutesByTheRequestsSide() {
		CompiledService canaryVersion = new CompiledService("default", "svc", "svc", "1.1.0",
				new UpstreamTarget("http", new NodesUpstream(List.of(new Node("127.0.0.1", 8080, 100)))),
				List.of(canaryRoute("svc", "r", Kind.PREFIX, "/s/"), canaryRoute("svc", "n", Kind.PREFIX, "/n/")));
		CompiledCanary canary = new CompiledCanary("svc", new CanarySpec(50, null, null, null, "1.1.0"), null,
				canaryVersion);

		List<Route> routes = new RouteTableFactory().build(
				List.of(service("svc", route("svc", "r", Kind.PREFIX, "/s/"))), List.of(canary), (discovery) -> null);

		assertThat(routes).extracting(Route::getId)
			.containsExactlyInAnyOrder("svc/r/0", "svc@canary/r/0", "svc@canary/n/0");
		Route baselineShared = routes.stream().filter((r) -> r.getId().equals("svc/r/0")).findFirst().orElseThrow();
		Route canaryShared = routes.stream()
			.filter((r) -> r.getId().equals("svc@canary/r/0"))
			.findFirst()
			.orElseThrow();
		Route canaryOnly = routes.stream().filter((r) -> r.getId().equals("svc@canary/n/0")).findFirst().orElseThrow();
		assertThat(baselineShared.getMetadata().get(UpstreamMetadata.CANARY_SIDE)).isEqualTo(CanarySide.BASELINE);
		assertThat(canaryOnly.getMetadata().get(UpstreamMetadata.CANARY_SIDE)).isEqualTo(CanarySide.CANARY);
		// Weight 50: the first eligible request is baseline, the second canary.
		MockServerWebExchange first = MockServerWebExchange.from(MockServerHttpRequest.get("/s/x"));
		assertThat(matches(baselineShared, first)).isTrue();
		assertThat(matches(canaryShared, first)).isFalse();
		MockServerWebExchange second = MockServerWebExchange.from(MockServerHttpRequest.get("/n/x"));
		assertThat(matches(baselineShared, second)).isFalse();
		assertThat(matches(canaryOnly, second)).isTrue();
		MockServerWebExchange third = MockServerWebExchange.from(MockServerHttpRequest.get("/n/x"));
		assertThat(matches(canaryOnly, third)).isFalse();
	}

	@Test
	void build_again_keepsAnUnchangedCanarysSelectorSoItsSplitContinues_andReplacesAChangedOne() {
		UpstreamTarget canaryNodes = new UpstreamTarget("http",
				new NodesUpstream(List.of(new Node("127.0.0.1", 9090, 100))));
		CompiledCanary at20 = new CompiledCanary("svc", new CanarySpec(20, null, null, null, null), canaryNodes, null);
		CompiledCanary at30 = new CompiledCanary("svc", new CanarySpec(30, null, null, null, null), canaryNodes, null);
		List<CompiledService> services = List.of(service("svc", route("svc", "r", Kind.PREFIX, "/s/")));
		RouteTableFactory factory = new RouteTableFactory();

		Object first = factory.build(services, List.of(at20), (discovery) -> null)
			.get(0)
			.getMetadata()
			.get(UpstreamMetadata.CANARY_SELECTOR);
		Object unchanged = factory.build(services, List.of(at20), (discovery) -> null)
			.get(0)
			.getMetadata()
			.get(UpstreamMetadata.CANARY_SELECTOR);
		Object changed = factory.build(services, List.of(at30), (discovery) -> null)
			.get(0)
			.getMetadata()
			.get(UpstreamMetadata.CANARY_SELECTOR);

		assertThat(unchanged).isSameAs(first);
		assertThat(changed).isNotSameAs(first);
	}

	@Test
	void build_again_withOneOfTenServicesChanged_buildsOnlyThatServiceAndKeepsTheOthersBalancers() {
		List<CompiledService> services = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			services.add(service("s" + i, route("s" + i, "r", Kind.PREFIX, "/s" + i + "/")));
		}
		RouteTableFactory factory = new RouteTableFactory();
		List<Route> first = factory.build(services);
		long before = factory.servicesBuilt();
		services.set(3, service("s3", route("s3", "r", Kind.PREFIX, "/s3-new/")));

		List<Route> second = factory.build(services);

		assertThat(factory.servicesBuilt() - before).isEqualTo(1);
		Route firstS0 = first.stream().filter((r) -> r.getId().equals("s0/r/0")).findFirst().orElseThrow();
		Route secondS0 = second.stream().filter((r) -> r.getId().equals("s0/r/0")).findFirst().orElseThrow();
		assertThat(secondS0.getMetadata().get(UpstreamMetadata.SERVICE_UPSTREAM))
			.isSameAs(firstS0.getMetadata().get(UpstreamMetadata.SERVICE_UPSTREAM));
		assertThat(second)
			.extracting((r) -> ((CompiledRoute) r.getMetadata().get(UpstreamMetadata.COMPILED_ROUTE)).path().pattern())
			.contains("/s3-new/")
			.doesNotContain("/s3/");
	}

	@Test
	void build_again_unchanged_returnsTheSameRouteObjects() {
		List<CompiledService> services = List.of(service("a", route("a", "r", Kind.PREFIX, "/a/")),
				service("b", route("b", "r", Kind.EXACT, "/b")));
		RouteTableFactory factory = new RouteTableFactory();

		List<Route> first = factory.build(services);
		List<Route> second = factory.build(services);

		assertThat(second).hasSize(2);
		assertThat(second.get(0)).isSameAs(first.get(0));
		assertThat(second.get(1)).isSameAs(first.get(1));
	}

	@Test
	void build_again_sameServiceWithANewCanary_rebuildsItsRoutes() {
		List<CompiledService> services = List.of(service("svc", route("svc", "r", Kind.PREFIX, "/s/")));
		CompiledCanary canary = new CompiledCanary("svc", new CanarySpec(20, null, null, null, null),
				new UpstreamTarget("http", new NodesUpstream(List.of(new Node("127.0.0.1", 9090, 100)))), null);
		RouteTableFactory factory = new RouteTableFactory();

		Route without = factory.build(services, List.of(), (discovery) -> null).get(0);
		Route with = factory.build(services, List.of(canary), (discovery) -> null).get(0);

		assertThat(with).isNotSameAs(without);
		assertThat(with.getMetadata()).containsKey(UpstreamMetadata.CANARY_SELECTOR);
	}

}

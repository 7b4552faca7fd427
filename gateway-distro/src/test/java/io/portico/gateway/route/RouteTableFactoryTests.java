package io.portico.gateway.route;

import java.time.Duration;
import java.util.List;

import io.portico.compiler.model.CompiledRoute;
import io.portico.compiler.model.CompiledService;
import io.portico.compiler.model.Node;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.PassHost;
import io.portico.compiler.model.PathMatch;
import io.portico.compiler.model.PathMatch.Kind;
import io.portico.compiler.model.UpstreamTarget;
import io.portico.gateway.upstream.ServiceUpstream;
import io.portico.gateway.upstream.UpstreamMetadata;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;

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
		assertThat(routes).extracting(Route::getOrder).containsExactly(0, 1, 2);
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

}

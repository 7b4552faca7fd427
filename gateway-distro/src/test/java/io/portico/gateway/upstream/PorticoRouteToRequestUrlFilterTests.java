package io.portico.gateway.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class PorticoRouteToRequestUrlFilterTests {

	private final PorticoRouteToRequestUrlFilter filter = new PorticoRouteToRequestUrlFilter();

	private URI filter(String routeUri) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/a/b?x=1"));
		exchange.getAttributes()
			.put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR,
					Route.async().id("r").uri(routeUri).predicate((ignored) -> true).build());
		AtomicReference<URI> url = new AtomicReference<>(URI.create("none:/"));
		StepVerifier.create(this.filter.filter(exchange, (forwarded) -> {
			URI set = forwarded.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
			if (set != null) {
				url.set(set);
			}
			return Mono.empty();
		})).expectComplete().verify(Duration.ofSeconds(5));
		return url.get();
	}

	@Test
	void filter_porticoRoute_leavesTheRequestUrlToTheUpstreamFilter() {
		assertThat(filter("portico://svc")).hasToString("none:/");
	}

	@Test
	void filter_otherRoute_mergesTheRequestIntoTheRouteUriAsSpringCloudGatewayDoes() {
		assertThat(filter("http://upstream:8080")).hasToString("http://upstream:8080/a/b?x=1");
		assertThat(this.filter.getOrder()).isEqualTo(RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER);
	}

}

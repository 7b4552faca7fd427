package io.portico.gateway.edge;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class PathNormalizingWebFilterTests {

	private final PathNormalizingWebFilter filter = new PathNormalizingWebFilter(new PathNormalizer(true, false));

	@Test
	void filter_dotSegments_passesTheNormalisedPathAndTheQueryOn() {
		AtomicReference<ServerWebExchange> passed = new AtomicReference<>();
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET,
				URI.create("http://gw.example/anything/%2e%2e/admin?a=%2F&b=1")));

		this.filter.filter(exchange, (next) -> {
			passed.set(next);
			return Mono.empty();
		}).block();

		assertThat(passed.get().getRequest().getURI().getRawPath()).isEqualTo("/admin");
		assertThat(passed.get().getRequest().getURI().getRawQuery()).isEqualTo("a=%2F&b=1");
		assertThat(passed.get().getRequest().getPath().value()).isEqualTo("/admin");
	}

	@Test
	void filter_pathAboveTheRoot_answers400ProblemAndCallsNoHandler() {
		AtomicReference<ServerWebExchange> passed = new AtomicReference<>();
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("http://gw.example/anything/../../admin"));

		this.filter.filter(exchange, (next) -> {
			passed.set(next);
			return Mono.empty();
		}).block();

		assertThat(passed.get()).isNull();
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"status\":400")
			.contains("climbs above the root")
			.contains("ABOVE_ROOT");
	}

	@Test
	void filter_normalPath_passesTheSameExchange() {
		AtomicReference<ServerWebExchange> passed = new AtomicReference<>();
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("http://gw.example/anything/x"));

		this.filter.filter(exchange, (next) -> {
			passed.set(next);
			return Mono.empty();
		}).block();

		assertThat(passed.get()).isSameAs(exchange);
	}

}

package io.portico.gateway.edge;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Normalises the request path with a {@link PathNormalizer} before Spring Cloud Gateway's
 * handler mapping matches a route (web filters run before handler mappings): the route is
 * matched on, and the upstream receives, the normalised path; a refused path is answered
 * 400 with a problem+json body naming the problem, and reaches no route.
 */
public class PathNormalizingWebFilter implements WebFilter, Ordered {

	/**
	 * Before every other web filter: none should see the path as the client wrote it.
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	private final PathNormalizer normalizer;

	public PathNormalizingWebFilter(PathNormalizer normalizer) {
		this.normalizer = normalizer;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String rawPath = request.getURI().getRawPath();
		PathNormalizer.Result result = this.normalizer.normalize(rawPath);
		if (result.refused()) {
			return refuse(exchange.getResponse(), result.problem());
		}
		if (result.path() == null || result.path().equals(rawPath)) {
			return chain.filter(exchange);
		}
		// The builder takes the raw (encoded) path and keeps the query as received.
		return chain.filter(exchange.mutate().request((builder) -> builder.path(result.path())).build());
	}

	private static Mono<Void> refuse(ServerHttpResponse response, PathNormalizer.Problem problem) {
		response.setStatusCode(HttpStatus.BAD_REQUEST);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		// The details are fixed sentences without quotes to escape; the path itself is
		// not echoed back.
		String json = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\""
				+ problem.detail().replace("\\", "\\\\") + "\",\"problem\":\"" + problem.name() + "\"}";
		DataBuffer body = response.bufferFactory().wrap(json.getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(body));
	}

}

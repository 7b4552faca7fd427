package io.portico.gateway.limit;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers 413 to a request whose body is larger than the limit: at once when
 * {@code Content-Length} says so, else when the streamed body passes the limit (counted
 * as it is forwarded, never buffered). The connection is closed after a 413, so the rest
 * of the body is not read.
 */
public class BodySizeLimitFilter implements WebFilter, Ordered {

	/** Before routing: a refused body never reaches a route's filters. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private final long limit;

	/**
	 * Creates the filter.
	 * @param limit the largest body in bytes; 0 or less for none
	 */
	public BodySizeLimitFilter(long limit) {
		this.limit = limit;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.limit <= 0) {
			return chain.filter(exchange);
		}
		long length = exchange.getRequest().getHeaders().getContentLength();
		if (length > this.limit) {
			return tooLarge(exchange.getResponse());
		}
		ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {

			private long seen;

			@Override
			public Flux<DataBuffer> getBody() {
				return super.getBody().map((buffer) -> {
					this.seen += buffer.readableByteCount();
					if (this.seen > BodySizeLimitFilter.this.limit) {
						DataBufferUtils.release(buffer);
						throw new BodyTooLargeException();
					}
					return buffer;
				});
			}

		};
		return chain.filter(exchange.mutate().request(counted).build())
			.onErrorResume((ex) -> isTooLarge(ex) && !exchange.getResponse().isCommitted(),
					(ex) -> tooLarge(exchange.getResponse()));
	}

	private static boolean isTooLarge(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof BodyTooLargeException) {
				return true;
			}
		}
		return false;
	}

	private Mono<Void> tooLarge(ServerHttpResponse response) {
		response.setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
				+ "\"detail\":\"the request body is larger than " + this.limit + " bytes\"}")
			.getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	/** The streamed body passed the limit. */
	static final class BodyTooLargeException extends RuntimeException {

		BodyTooLargeException() {
			super("request body too large", null, false, false);
		}

	}

}

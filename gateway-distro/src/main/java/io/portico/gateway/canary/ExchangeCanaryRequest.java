package io.portico.gateway.canary;

import java.net.InetSocketAddress;

import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * A {@link CanaryRequest} over a WebFlux request.
 */
final class ExchangeCanaryRequest implements CanaryRequest {

	private final ServerHttpRequest request;

	ExchangeCanaryRequest(ServerHttpRequest request) {
		this.request = request;
	}

	@Override
	public String header(String name) {
		return this.request.getHeaders().getFirst(name);
	}

	@Override
	public String query(String name) {
		return this.request.getQueryParams().getFirst(name);
	}

	@Override
	public String cookie(String name) {
		HttpCookie cookie = this.request.getCookies().getFirst(name);
		return (cookie != null) ? cookie.getValue() : null;
	}

	@Override
	public String clientAddress() {
		// Only the connection's address: X-Forwarded-For is the client's to write unless
		// a trusted proxy sets it, and the gateway has no notion of trusted proxies yet.
		InetSocketAddress remote = this.request.getRemoteAddress();
		if (remote == null) {
			return null;
		}
		return (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

}

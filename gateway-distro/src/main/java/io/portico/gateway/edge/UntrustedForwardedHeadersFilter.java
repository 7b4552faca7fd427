package io.portico.gateway.edge;

import java.net.InetSocketAddress;
import java.util.Locale;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Removes the client's own {@code X-Forwarded-*} and {@code Forwarded} headers from the
 * request sent upstream unless the peer is a trusted proxy. It runs first among the
 * headers filters, so Spring Cloud Gateway's {@code XForwardedHeadersFilter} then writes
 * its own values: from an untrusted peer they replace what the client sent, from a
 * trusted proxy they extend the proxy's.
 *
 * <p>
 * Spring Cloud Gateway's own {@code trusted-proxies} regular expression is not enough:
 * from an untrusted peer it forwards no {@code X-Forwarded-*} header at all (the upstream
 * loses the client's address), and from a trusted one it drops every
 * {@code X-Forwarded-For} entry that is not itself a trusted address.
 */
public class UntrustedForwardedHeadersFilter implements HttpHeadersFilter, Ordered {

	private final ProxyAddresses trustedProxies;

	public UntrustedForwardedHeadersFilter(ProxyAddresses trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		if (isTrusted(exchange.getRequest().getRemoteAddress()) || !hasForwardedHeader(input)) {
			return input;
		}
		HttpHeaders updated = new HttpHeaders();
		input.forEach((name, values) -> {
			if (!isForwardedHeader(name)) {
				updated.addAll(name, values);
			}
		});
		return updated;
	}

	private boolean isTrusted(InetSocketAddress peer) {
		return peer != null && !this.trustedProxies.isEmpty() && this.trustedProxies.contains(peer.getAddress());
	}

	private static boolean hasForwardedHeader(HttpHeaders headers) {
		for (String name : headers.headerNames()) {
			if (isForwardedHeader(name)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isForwardedHeader(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.equals("forwarded") || lower.startsWith("x-forwarded-");
	}

}

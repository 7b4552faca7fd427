package io.portico.admin.audit;

import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a request comes from, as the audit log records it.
 *
 * @param sourceIp the client address: the peer, or with a trusted proxy in front the
 * nearest address in {@code X-Forwarded-For} that is not a trusted proxy
 * @param method the HTTP method
 * @param path the request path
 */
public record RequestOrigin(String sourceIp, String method, String path) {

	/** The exchange attribute holding the origin. */
	public static final String ATTRIBUTE = RequestOrigin.class.getName();

	/** An origin for work that no request started. */
	public static final RequestOrigin INTERNAL = new RequestOrigin(null, "", "");

	/**
	 * Reads the origin of a request.
	 * @param exchange the exchange
	 * @param trustedProxies matchers of the proxies whose {@code X-Forwarded-For} is
	 * believed
	 * @return the origin
	 */
	public static RequestOrigin of(ServerWebExchange exchange, List<AddressRange> trustedProxies) {
		RequestOrigin known = exchange.getAttribute(ATTRIBUTE);
		if (known != null) {
			return known;
		}
		ServerHttpRequest request = exchange.getRequest();
		InetSocketAddress remote = request.getRemoteAddress();
		String peer = (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : null;
		String client = peer;
		if (peer != null && trusted(peer, trustedProxies)) {
			// Walk X-Forwarded-For from the right: each hop was added by the proxy before
			// it; the first hop that is not one of ours is the client. Anything further
			// left was written by the client and proves nothing.
			List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
			for (int i = forwarded.size() - 1; i >= 0; i--) {
				String hop = forwarded.get(i).strip();
				if (hop.isEmpty()) {
					continue;
				}
				client = hop;
				if (!trusted(hop, trustedProxies)) {
					break;
				}
			}
		}
		RequestOrigin origin = new RequestOrigin(truncate(client), request.getMethod().name(),
				request.getPath().value());
		exchange.getAttributes().put(ATTRIBUTE, origin);
		return origin;
	}

	private static boolean trusted(String address, List<AddressRange> trustedProxies) {
		for (AddressRange range : trustedProxies) {
			if (range.contains(address)) {
				return true;
			}
		}
		return false;
	}

	private static String truncate(String value) {
		return (value != null && value.length() > 64) ? value.substring(0, 64) : value;
	}

}

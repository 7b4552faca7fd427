package io.portico.gateway.upstream;

import java.net.URI;

import io.portico.compiler.model.Node;

/**
 * Builds the URL a request is forwarded to, keeping the client's path and query exactly
 * as they were encoded.
 */
public final class ForwardUrl {

	private ForwardUrl() {
	}

	/**
	 * Builds {@code <scheme>://<host>:<port><path minus stripPrefix>?<query>}.
	 * @param scheme {@code http} or {@code https}
	 * @param node the chosen node
	 * @param rawPath the request path as received (percent-encoding kept)
	 * @param rawQuery the query as received, or {@code null}
	 * @param stripPrefix the prefix removed from the path; empty for none
	 * @return the URL
	 */
	public static URI build(String scheme, Node node, String rawPath, String rawQuery, String stripPrefix) {
		String path = strip((rawPath == null || rawPath.isEmpty()) ? "/" : rawPath, stripPrefix);
		StringBuilder url = new StringBuilder(scheme).append("://");
		String host = node.host();
		if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
			url.append('[').append(host).append(']');
		}
		else {
			url.append(host);
		}
		url.append(':').append(node.port()).append(path);
		if (rawQuery != null && !rawQuery.isEmpty()) {
			url.append('?').append(rawQuery);
		}
		return URI.create(url.toString());
	}

	static String strip(String path, String prefix) {
		if (prefix == null || prefix.isEmpty() || prefix.equals("/")) {
			return path;
		}
		String base = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
		if (path.equals(base)) {
			return "/";
		}
		if (path.startsWith(base + "/")) {
			return path.substring(base.length());
		}
		return path;
	}

}

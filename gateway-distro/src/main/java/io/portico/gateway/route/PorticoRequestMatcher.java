package io.portico.gateway.route;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.portico.compiler.model.CompiledRoute;
import io.portico.compiler.model.PathMatch;

/**
 * Decides whether a request matches one compiled route: path (the compiler's
 * {@link PathMatch} semantics), method and host. A plain class, so that it is tested
 * without Spring.
 *
 * <p>
 * Paths: {@code EXACT} is equality; {@code PREFIX} {@code /anything/} matches every path
 * that starts with it ({@code /anything/} and below, not {@code /anything});
 * {@code TEMPLATE} {@code /users/{id}} takes exactly one non-empty segment per
 * {@code {name}}, a segment such as {@code {name}.{ext}} one segment with that literal
 * text around non-empty parameters, and a final {@code /*} any remainder after the slash.
 * The path is compared as received (percent-encoding kept). Hosts: the {@code Host}
 * header without port, case-insensitive; {@code *.example.com} matches any subdomain of
 * {@code example.com}. Example: <pre>
 * PorticoRequestMatcher matcher = new PorticoRequestMatcher(compiledRoute);
 * boolean hit = matcher.matches("GET", "api.example.com:9080", "/anything/x");
 * </pre>
 */
public final class PorticoRequestMatcher {

	private final PathMatch.Kind kind;

	private final String pattern;

	private final String[] templateSegments;

	/**
	 * Per template segment: the regular expression of a segment with parameters inside.
	 */
	private final Pattern[] partialSegments;

	private final boolean templateRemainder;

	private final List<String> methods;

	private final List<String> hosts;

	public PorticoRequestMatcher(CompiledRoute route) {
		this(route.path(), route.methods(), route.hosts());
	}

	public PorticoRequestMatcher(PathMatch path, List<String> methods, List<String> hosts) {
		this.kind = path.kind();
		this.pattern = path.pattern();
		if (this.kind == PathMatch.Kind.TEMPLATE) {
			String body = this.pattern;
			this.templateRemainder = body.endsWith("/*");
			if (this.templateRemainder) {
				body = body.substring(0, body.length() - 2);
			}
			this.templateSegments = segments(body);
			this.partialSegments = new Pattern[this.templateSegments.length];
			for (int i = 0; i < this.templateSegments.length; i++) {
				String segment = this.templateSegments[i];
				if (segment.indexOf('{') >= 0 && !isParameter(segment)) {
					this.partialSegments[i] = partial(segment);
				}
			}
		}
		else {
			this.templateSegments = new String[0];
			this.partialSegments = new Pattern[0];
			this.templateRemainder = false;
		}
		this.methods = List.copyOf(methods);
		this.hosts = hosts.stream().map((h) -> h.toLowerCase(Locale.ROOT)).toList();
	}

	/**
	 * Tests one request.
	 * @param method the request method
	 * @param hostHeader the {@code Host} header, with or without port; may be
	 * {@code null}
	 * @param path the request path as received
	 * @return whether the route serves the request
	 */
	public boolean matches(String method, String hostHeader, String path) {
		return matchesMethod(method) && matchesHost(hostHeader) && matchesPath(path);
	}

	/**
	 * Tests the path only.
	 * @param path the request path as received
	 * @return whether the path matches
	 */
	public boolean matchesPath(String path) {
		if (path == null) {
			return false;
		}
		switch (this.kind) {
			case EXACT:
				return path.equals(this.pattern);
			case PREFIX:
				return path.startsWith(this.pattern);
			case TEMPLATE:
				return matchesTemplate(path);
			default:
				return false;
		}
	}

	/**
	 * Tests the method only.
	 * @param method the request method
	 * @return whether the method matches
	 */
	public boolean matchesMethod(String method) {
		return this.methods.isEmpty() || (method != null && this.methods.contains(method));
	}

	/**
	 * Tests the host only.
	 * @param hostHeader the {@code Host} header, with or without port
	 * @return whether the host matches
	 */
	public boolean matchesHost(String hostHeader) {
		if (this.hosts.isEmpty()) {
			return true;
		}
		String host = hostWithoutPort(hostHeader);
		if (host == null) {
			return false;
		}
		for (String candidate : this.hosts) {
			if (candidate.startsWith("*.")) {
				String suffix = candidate.substring(1);
				if (host.length() > suffix.length() && host.endsWith(suffix)) {
					return true;
				}
			}
			else if (candidate.equals(host)) {
				return true;
			}
		}
		return false;
	}

	static String hostWithoutPort(String hostHeader) {
		if (hostHeader == null || hostHeader.isEmpty()) {
			return null;
		}
		String host = hostHeader.trim().toLowerCase(Locale.ROOT);
		if (host.startsWith("[")) {
			int end = host.indexOf(']');
			return (end > 0) ? host.substring(0, end + 1) : host;
		}
		int colon = host.indexOf(':');
		if (colon >= 0 && host.indexOf(':', colon + 1) < 0) {
			host = host.substring(0, colon);
		}
		if (host.endsWith(".")) {
			host = host.substring(0, host.length() - 1);
		}
		return host;
	}

	private boolean matchesTemplate(String path) {
		if (!path.startsWith("/")) {
			return false;
		}
		int position = 0;
		for (int i = 0; i < this.templateSegments.length; i++) {
			String segment = this.templateSegments[i];
			// position points at the '/' that opens the next segment
			if (position >= path.length() || path.charAt(position) != '/') {
				return false;
			}
			int start = position + 1;
			int end = path.indexOf('/', start);
			if (end < 0) {
				end = path.length();
			}
			String actual = path.substring(start, end);
			if (this.partialSegments[i] != null) {
				if (!this.partialSegments[i].matcher(actual).matches()) {
					return false;
				}
			}
			else if (isParameter(segment)) {
				if (actual.isEmpty()) {
					return false;
				}
			}
			else if (!segment.equals(actual)) {
				return false;
			}
			position = end;
		}
		if (this.templateRemainder) {
			return position < path.length() && path.charAt(position) == '/';
		}
		return position == path.length();
	}

	private static boolean isParameter(String segment) {
		return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}") && segment.indexOf('{', 1) < 0;
	}

	/**
	 * {@code {name}.{ext}} as {@code (.+)\Q.\E(.+)}: the literal text, parameters
	 * non-empty.
	 */
	private static Pattern partial(String segment) {
		StringBuilder regex = new StringBuilder();
		int position = 0;
		while (position < segment.length()) {
			int open = segment.indexOf('{', position);
			if (open < 0) {
				regex.append(Pattern.quote(segment.substring(position)));
				break;
			}
			if (open > position) {
				regex.append(Pattern.quote(segment.substring(position, open)));
			}
			regex.append("(.+)");
			position = segment.indexOf('}', open) + 1;
		}
		return Pattern.compile(regex.toString());
	}

	private static String[] segments(String path) {
		if (path.isEmpty() || path.equals("/")) {
			return new String[] { "" };
		}
		String body = path.startsWith("/") ? path.substring(1) : path;
		return body.split("/", -1);
	}

}

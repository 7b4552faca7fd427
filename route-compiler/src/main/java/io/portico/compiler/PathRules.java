package io.portico.compiler;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.portico.compiler.model.PathMatch;

/**
 * Route paths and the path prefix, with API7/APISIX semantics: {@code /anything/*}
 * matches everything below {@code /anything/} (not {@code /anything} itself), a
 * {@code {name}} segment matches one segment, anything else matches exactly. As in
 * Spring's {@code PathPattern}, parameters may also stand within a segment
 * ({@code /files/{name}.{ext}}, {@code /Calls/{Sid}.json}), each matching at least one
 * character; two of them need literal text between them.
 */
final class PathRules {

	static final int MAX_LENGTH = 4096;

	private static final Pattern PARAMETER = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_]*\\}");

	// Literal text and parameters within one segment, such as {name}.{ext}.
	private static final Pattern MIXED_SEGMENT = Pattern.compile("(?:[^{}]+|\\{[A-Za-z_][A-Za-z0-9_]*\\})+");

	private static final String BRACES = "may contain '{' and '}' only around parameters named [A-Za-z_][A-Za-z0-9_]*,"
			+ " as a whole segment (/users/{id}) or within one, with text between two of them (/files/{name}.{ext})";

	// RFC 3986 pchar without '%' (checked separately) and '*' (only as a whole last
	// segment), plus '/' and the template braces.
	private static final String ALLOWED = "-._~!$&'()+,;=:@/{}";

	private PathRules() {
	}

	/**
	 * Checks a route path.
	 * @param path the path as written in the route
	 * @return the problem, or {@code null}
	 */
	static String pathProblem(String path) {
		return problem(path, true);
	}

	/**
	 * Checks a path prefix: empty, or a literal path without trailing {@code /}.
	 * @param prefix the prefix
	 * @return the problem, or {@code null}
	 */
	static String prefixProblem(String prefix) {
		if (prefix == null || prefix.isEmpty()) {
			return null;
		}
		String problem = problem(prefix, false);
		if (problem != null) {
			return problem;
		}
		if (prefix.endsWith("/")) {
			return "must not end with '/' (use '' for no prefix)";
		}
		return null;
	}

	/**
	 * Compiles a valid path under a valid prefix.
	 * @param prefix the path prefix, empty for none
	 * @param path a path for which {@link #pathProblem(String)} returned {@code null}
	 * @return how the gateway matches it
	 */
	static PathMatch compile(String prefix, String path) {
		String full = prefix + path;
		if (path.indexOf('{') >= 0) {
			return new PathMatch(PathMatch.Kind.TEMPLATE, full);
		}
		if (path.endsWith("/*")) {
			return new PathMatch(PathMatch.Kind.PREFIX, full.substring(0, full.length() - 1));
		}
		return new PathMatch(PathMatch.Kind.EXACT, full);
	}

	private static String problem(String path, boolean patterns) {
		if (path == null || path.isEmpty()) {
			return "must not be empty";
		}
		if (Text.hasSpel(path)) {
			return Text.SPEL_MESSAGE;
		}
		if (path.length() > MAX_LENGTH) {
			return "must be at most " + MAX_LENGTH + " characters";
		}
		if (path.charAt(0) != '/') {
			return "must start with '/'";
		}
		String characters = characterProblem(path);
		if (characters != null) {
			return characters;
		}
		if (path.contains("//")) {
			return "must not contain '//'";
		}
		String[] segments = path.substring(1).split("/", -1);
		Set<String> parameters = new HashSet<>();
		for (int i = 0; i < segments.length; i++) {
			String segment = segments[i];
			if (segment.equals(".") || segment.equals("..")) {
				return "must not contain '.' or '..' segments";
			}
			if (segment.indexOf('*') >= 0) {
				if (!patterns) {
					return "must not contain '*'";
				}
				if (!segment.equals("*") || i != segments.length - 1) {
					return "may contain '*' only as the whole last segment, such as /anything/*";
				}
			}
			if (segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0) {
				if (!patterns) {
					return "must not contain '{' or '}'";
				}
				if (!MIXED_SEGMENT.matcher(segment).matches() || segment.contains("}{")) {
					return BRACES;
				}
				Matcher parameter = PARAMETER.matcher(segment);
				while (parameter.find()) {
					if (!parameters.add(parameter.group())) {
						return "must not repeat the path parameter '" + parameter.group() + "'";
					}
				}
			}
		}
		return null;
	}

	private static String characterProblem(String path) {
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (Text.isControl(c)) {
				return "must not contain control characters";
			}
			if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
				return "must not contain whitespace";
			}
			if (c == '?') {
				return "must not contain '?' (query strings are not part of the path)";
			}
			if (c == '#') {
				return "must not contain '#'";
			}
			if (c == '%') {
				if (i + 2 >= path.length() || !isHex(path.charAt(i + 1)) || !isHex(path.charAt(i + 2))) {
					return "must use '%' only in a percent-encoding such as %20";
				}
			}
			else if (c > 0x7e) {
				return "must not contain non-ASCII characters (percent-encode them)";
			}
			else if (!isAlphaNumeric(c) && c != '*' && ALLOWED.indexOf(c) < 0) {
				return "must not contain '" + c + "'";
			}
		}
		return null;
	}

	static boolean isHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	private static boolean isAlphaNumeric(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

}

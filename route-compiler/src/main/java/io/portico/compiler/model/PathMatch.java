package io.portico.compiler.model;

/**
 * How one compiled route matches the request path.
 *
 * @param kind exact, prefix or template
 * @param pattern the full pattern, path prefix included: {@code /a/b} (exact),
 * {@code /anything/} (prefix: the path starts with it), {@code /users/{id}} or
 * {@code /users/{id}/*} (template: each {@code {name}} is exactly one non-empty segment,
 * a final {@code *} any remainder)
 */
public record PathMatch(Kind kind, String pattern) {

	/**
	 * The kinds of path match, in precedence order.
	 */
	public enum Kind {

		/** The whole path equals the pattern. */
		EXACT,

		/** Literal and one-segment parameters, optionally followed by any remainder. */
		TEMPLATE,

		/** The path starts with the pattern. */
		PREFIX

	}

}

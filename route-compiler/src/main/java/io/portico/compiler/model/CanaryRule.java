package io.portico.compiler.model;

/**
 * One condition on the request.
 *
 * @param source where the value comes from
 * @param name the header, query parameter or cookie name
 * @param operator how the value is compared
 * @param value the expected value or regular expression; {@code null} for
 * {@link Operator#PRESENT}
 */
public record CanaryRule(Source source, String name, Operator operator, String value) {

	/**
	 * Where a rule reads its value.
	 */
	public enum Source {

		/** A request header (case-insensitive name). */
		HEADER,

		/** A query parameter. */
		QUERY,

		/** A cookie. */
		COOKIE

	}

	/**
	 * How a rule compares.
	 */
	public enum Operator {

		/** The value equals. */
		EQUALS,

		/** The value is absent or differs. */
		NOT_EQUALS,

		/** The whole value matches the regular expression. */
		REGEX,

		/** The value is present. */
		PRESENT

	}

}

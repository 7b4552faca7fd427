package io.portico.compiler;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * The JSON spelling of the model's enums (lower case: {@code client_address}), and the
 * lists of allowed values that messages show, taken from the enums so that a message
 * cannot drift from what is accepted.
 */
public final class EnumNames {

	private EnumNames() {
	}

	/**
	 * The JSON value of an enum constant.
	 * @param value the constant, or {@code null}
	 * @return its name in lower case, or {@code null}
	 */
	public static String jsonValue(Enum<?> value) {
		return (value != null) ? value.name().toLowerCase(Locale.ROOT) : null;
	}

	/**
	 * The JSON values of all constants, in declaration order.
	 * @param values the constants ({@code Source.values()})
	 * @return {@code "header, query, cookie"}
	 */
	public static String list(Enum<?>[] values) {
		StringJoiner joiner = new StringJoiner(", ");
		for (Enum<?> value : values) {
			joiner.add(jsonValue(value));
		}
		return joiner.toString();
	}

	/**
	 * The message for a value that is not one of the constants.
	 * @param values the constants
	 * @return {@code "must be one of header, query, cookie"}
	 */
	public static String mustBeOneOf(Enum<?>[] values) {
		return "must be one of " + list(values);
	}

}

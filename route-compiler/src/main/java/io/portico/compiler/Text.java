package io.portico.compiler;

import java.util.regex.Pattern;

/**
 * Character checks shared by every rule.
 */
final class Text {

	/** Rejected in every string field: we never evaluate SpEL, and we don't store it. */
	static final String SPEL = "#{";

	static final String SPEL_MESSAGE = "must not contain '#{'";

	// Semantic Versioning 2.0.0, ASCII digits only.
	private static final Pattern SEMVER = Pattern.compile("(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)"
			+ "(-(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*)?"
			+ "(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?");

	private static final int MAX_VERSION = 64;

	private Text() {
	}

	/**
	 * Checks a service or canary version: a semantic version.
	 * @return the problem, or {@code null}
	 */
	static String versionProblem(String version) {
		if (version == null || version.isEmpty()) {
			return "must not be blank";
		}
		if (hasSpel(version)) {
			return SPEL_MESSAGE;
		}
		if (version.length() > MAX_VERSION) {
			return "must be at most " + MAX_VERSION + " characters";
		}
		if (!SEMVER.matcher(version).matches()) {
			return "must be a semantic version such as 1.0.0 or 1.0.0-rc.1";
		}
		return null;
	}

	static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	static boolean hasSpel(String value) {
		return value != null && value.contains(SPEL);
	}

	static boolean isControl(char c) {
		return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
	}

	static boolean hasControl(String value) {
		for (int i = 0; i < value.length(); i++) {
			if (isControl(value.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	static boolean hasWhitespace(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The usual checks of a free-text field.
	 * @return the problem, or {@code null}
	 */
	static String textProblem(String value, boolean required, int maxLength) {
		return textProblem(value, required, maxLength, false);
	}

	/**
	 * The usual checks of a free-text field, optionally allowing line breaks and tabs.
	 * @return the problem, or {@code null}
	 */
	static String textProblem(String value, boolean required, int maxLength, boolean multiline) {
		if (value == null || value.isBlank()) {
			return required ? "must not be blank" : null;
		}
		if (hasSpel(value)) {
			return SPEL_MESSAGE;
		}
		if (value.length() > maxLength) {
			return "must be at most " + maxLength + " characters";
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (isControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
				return "must not contain control characters";
			}
		}
		return null;
	}

	/**
	 * The checks of an id: used to build route ids, so no {@code /} and no whitespace.
	 * @return the problem, or {@code null}
	 */
	static String idProblem(String value) {
		String problem = textProblem(value, true, 64);
		if (problem != null) {
			return problem;
		}
		if (hasWhitespace(value)) {
			return "must not contain whitespace";
		}
		if (value.indexOf('/') >= 0) {
			return "must not contain '/'";
		}
		return null;
	}

}

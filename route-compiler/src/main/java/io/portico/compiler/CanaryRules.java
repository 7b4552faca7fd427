package io.portico.compiler;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.portico.compiler.model.CanaryRule;

/**
 * The rules of a canary's conditions and sticky key: names of headers, query parameters
 * and cookies, and the values rules compare with.
 */
final class CanaryRules {

	static final int MAX_NAME = 256;

	static final int MAX_VALUE = 1024;

	/** Regular expressions run on every request: kept short so they stay cheap. */
	static final int MAX_REGEX = 512;

	private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

	private CanaryRules() {
	}

	/**
	 * Checks the name of a header, query parameter or cookie.
	 * @return the problem, or {@code null}
	 */
	static String nameProblem(CanaryRule.Source source, String name) {
		if (source == CanaryRule.Source.QUERY) {
			return Text.textProblem(name, true, MAX_NAME);
		}
		return tokenProblem(name, (source == CanaryRule.Source.HEADER) ? "header" : "cookie");
	}

	/**
	 * Checks a header or cookie name: an RFC 9110 token.
	 * @return the problem, or {@code null}
	 */
	static String tokenProblem(String name, String what) {
		String problem = Text.textProblem(name, true, MAX_NAME);
		if (problem != null) {
			return problem;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
			if (!alphanumeric && TOKEN_SYMBOLS.indexOf(c) < 0) {
				return "must be a valid " + what + " name (letters, digits and " + TOKEN_SYMBOLS + ")";
			}
		}
		return null;
	}

	/**
	 * Checks the value of a rule for its operator.
	 * @return the problem, or {@code null}
	 */
	static String valueProblem(CanaryRule.Operator operator, String value) {
		if (operator == CanaryRule.Operator.PRESENT) {
			if (value != null && !value.isEmpty()) {
				return "must be empty when operator is 'present'";
			}
			return null;
		}
		if (value == null || value.isEmpty()) {
			return "is required unless operator is 'present'";
		}
		if (Text.hasSpel(value)) {
			return Text.SPEL_MESSAGE;
		}
		if (Text.hasControl(value)) {
			return "must not contain control characters";
		}
		if (operator != CanaryRule.Operator.REGEX) {
			return (value.length() > MAX_VALUE) ? "must be at most " + MAX_VALUE + " characters" : null;
		}
		if (value.length() > MAX_REGEX) {
			return "must be at most " + MAX_REGEX + " characters";
		}
		try {
			Pattern.compile(value);
			return null;
		}
		catch (PatternSyntaxException ex) {
			return "is not a valid regular expression: " + ex.getDescription() + " near index " + ex.getIndex();
		}
	}

}

package io.portico.compiler;

import io.portico.compiler.model.CanaryConditions;
import io.portico.compiler.model.CanaryRule;
import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.CanarySticky;

/**
 * The rules of a canary: its weight, the exactly-one choice of an upstream or a version,
 * its conditions and sticky key (names of headers, query parameters and cookies, and the
 * values rules compare with).
 */
final class CanaryRules {

	static final int MAX_NAME = 256;

	static final int MAX_WEIGHT = 100;

	static final int MAX_VALUE = 1024;

	/**
	 * Regular expressions run on every request: kept short so they stay cheap (RE2 makes
	 * the time linear in the value; the pattern's size is the factor).
	 */
	static final int MAX_REGEX = 512;

	private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

	private static final String SOURCES_MESSAGE = EnumNames.mustBeOneOf(CanaryRule.Source.values());

	private static final String OPERATORS_MESSAGE = EnumNames.mustBeOneOf(CanaryRule.Operator.values());

	private static final String STICKY_SOURCES_MESSAGE = EnumNames.mustBeOneOf(CanarySticky.Source.values());

	private CanaryRules() {
	}

	/**
	 * Checks a whole canary.
	 * @param canary the canary
	 * @param errors where problems go, named relative to the canary
	 */
	static void check(CanarySpec canary, Errors errors) {
		if (canary.weight() < 0 || canary.weight() > MAX_WEIGHT) {
			errors.add("weight", "must be between 0 and " + MAX_WEIGHT);
		}
		if (canary.conditions() != null) {
			checkConditions(canary.conditions(), errors.at("conditions"));
		}
		if (canary.sticky() != null) {
			checkSticky(canary.sticky(), errors.at("sticky"));
		}
		if (canary.upstream() != null && canary.version() != null) {
			errors.add("upstream", "exactly one of 'upstream' or 'version' must be given, not both");
		}
		else if (canary.upstream() == null && canary.version() == null) {
			errors.add("upstream",
					"exactly one of 'upstream' (an upstream canary) or 'version' (a version canary) is required");
		}
		else if (canary.upstream() != null) {
			UpstreamRules.upstream(canary.upstream(), errors.at("upstream"));
		}
		else {
			errors.check("version", Text.versionProblem(canary.version()));
		}
	}

	private static void checkConditions(CanaryConditions conditions, Errors errors) {
		if (conditions.rules().isEmpty()) {
			errors.add("rules", "at least one rule is required when conditions are given");
		}
		for (int i = 0; i < conditions.rules().size(); i++) {
			CanaryRule rule = conditions.rules().get(i);
			Errors at = errors.at(FieldPath.index("rules", i));
			if (rule.source() == null) {
				at.add("source", SOURCES_MESSAGE);
			}
			else {
				at.check("name", nameProblem(rule.source(), rule.name()));
			}
			if (rule.operator() == null) {
				at.add("operator", OPERATORS_MESSAGE);
			}
			else {
				at.check("value", valueProblem(rule.operator(), rule.value()));
			}
		}
	}

	private static void checkSticky(CanarySticky sticky, Errors errors) {
		if (sticky.source() == null) {
			errors.add("source", STICKY_SOURCES_MESSAGE);
		}
		else if (sticky.source() == CanarySticky.Source.CLIENT_ADDRESS) {
			if (sticky.name() != null && !sticky.name().isEmpty()) {
				errors.add("name", "must be empty when source is 'client_address'");
			}
		}
		else {
			errors.check("name",
					tokenProblem(sticky.name(), (sticky.source() == CanarySticky.Source.HEADER) ? "header" : "cookie"));
		}
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
		return CanaryRegex.problem(value);
	}

}

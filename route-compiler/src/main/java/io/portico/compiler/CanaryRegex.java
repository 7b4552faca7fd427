package io.portico.compiler;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The regular expressions of canary conditions ({@code operator: regex}), compiled with
 * RE2/J: matching takes time linear in the length of the value, whatever the pattern, so
 * a pattern such as {@code (a+)+$} cannot backtrack catastrophically on a long header (it
 * would with {@code java.util.regex}). The admin checks a condition with {@link #problem}
 * when it is written and the gateway compiles it with {@link #compile} when it is read:
 * one engine, so every pattern the admin accepts the gateway runs.
 *
 * <p>
 * RE2 syntax is Java's without backreferences, lookaround and possessive or atomic
 * groups; such patterns are refused. Example: <pre>
 * Pattern pattern = CanaryRegex.compile("beta|canary");
 * boolean holds = pattern.matches(headerValue);
 * </pre>
 */
public final class CanaryRegex {

	private CanaryRegex() {
	}

	/**
	 * Compiles a pattern that {@link #problem} accepts.
	 * @param regex the pattern
	 * @return the compiled pattern; {@link Pattern#matches(String)} tests a whole value
	 * @throws PatternSyntaxException when RE2 cannot compile the pattern
	 */
	public static Pattern compile(String regex) {
		return Pattern.compile(regex);
	}

	/**
	 * Checks that RE2 compiles a pattern.
	 * @param regex the pattern
	 * @return the problem, as a field error message, or {@code null}
	 */
	public static String problem(String regex) {
		try {
			compile(regex);
			return null;
		}
		catch (PatternSyntaxException ex) {
			// The offending part, such as `\1`, is a piece of the pattern the user typed.
			String near = (ex.getPattern() != null && !ex.getPattern().isEmpty()) ? " at `" + ex.getPattern() + "`"
					: "";
			return "is not a valid regular expression for the linear-time RE2 engine (no backreferences,"
					+ " lookaround or possessive quantifiers): " + ex.getDescription() + near;
		}
	}

}

package io.portico.cli.file;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} in a file's text with the environment variable's value before
 * the file is parsed; {@code \${VAR}} stays as the literal text {@code ${VAR}}. An unset
 * variable is an error naming it and its line, never an empty string. Lines that are only
 * a comment ({@code # ...}) are left alone.
 */
public final class EnvSubstitution {

	private static final Pattern VARIABLE = Pattern.compile("(\\\\)?\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

	private final Map<String, String> environment;

	/**
	 * Creates a substitution reading the given environment.
	 * @param environment the variables, usually {@link System#getenv()}
	 */
	public EnvSubstitution(Map<String, String> environment) {
		this.environment = Map.copyOf(environment);
	}

	/**
	 * Substitutes the variables of one file.
	 * @param file the file name, for problems
	 * @param text the file's text
	 * @param problems where unset variables are reported
	 * @return the text with every variable replaced
	 */
	public String substitute(String file, String text, List<FileProblem> problems) {
		StringBuilder out = new StringBuilder(text.length());
		int line = 1;
		int start = 0;
		while (start <= text.length()) {
			int end = text.indexOf('\n', start);
			String current = (end < 0) ? text.substring(start) : text.substring(start, end + 1);
			out.append(current.stripLeading().startsWith("#") ? current : line(file, line, current, problems));
			if (end < 0) {
				break;
			}
			start = end + 1;
			line++;
		}
		return out.toString();
	}

	private String line(String file, int line, String text, List<FileProblem> problems) {
		Matcher matcher = VARIABLE.matcher(text);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String name = matcher.group(2);
			String replacement;
			if (matcher.group(1) != null) {
				replacement = "${" + name + "}";
			}
			else if (this.environment.containsKey(name)) {
				replacement = this.environment.get(name);
			}
			else {
				problems.add(new FileProblem(file, "line " + line,
						"${" + name + "} is not set: set the environment variable, or write \\${" + name
								+ "} for the literal text"));
				replacement = "";
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(out);
		return out.toString();
	}

}

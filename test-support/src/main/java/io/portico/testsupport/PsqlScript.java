package io.portico.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a script written for {@code psql -v name=value -f script.sql} over JDBC, so that
 * tests run the very file an operator runs, on machines without {@code psql}.
 *
 * <p>
 * It does what psql does with the subset of its syntax that Portico's scripts use:
 * {@code :'name'} becomes a quoted literal, {@code :"name"} a quoted identifier,
 * {@code :name} the raw value; {@code ;} ends a statement; {@code \gexec} ends a query
 * and runs each value of its result as a statement; {@code \set name value} sets a
 * variable. Anything else it does not understand (another backslash command, dollar
 * quoting, an undefined variable) is an error rather than a silent difference from psql.
 * Example: <pre>
 * PsqlScript.fromClasspath("db/gateway-account.sql")
 *     .run(connection, Map.of("gateway_role", "gw", "gateway_password", "secret", "schema", "public"));
 * </pre>
 */
public final class PsqlScript {

	private final String text;

	private PsqlScript(String text) {
		this.text = text;
	}

	/**
	 * Reads a script from the classpath.
	 * @param resource the resource path, e.g. {@code db/gateway-account.sql}
	 * @return the script
	 */
	public static PsqlScript fromClasspath(String resource) {
		try (InputStream in = PsqlScript.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("No " + resource + " on the classpath");
			}
			return of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A script from its text.
	 * @param text the script
	 * @return the script
	 */
	public static PsqlScript of(String text) {
		return new PsqlScript(text);
	}

	/**
	 * The script's text, as read.
	 * @return the text
	 */
	public String text() {
		return this.text;
	}

	/**
	 * Splits the script into steps and substitutes the variables, as psql would.
	 * @param variables the {@code -v} variables
	 * @return the steps, in order
	 */
	public List<Step> steps(Map<String, String> variables) {
		Map<String, String> vars = new HashMap<>(variables);
		List<Step> steps = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		String s = this.text;
		int i = 0;
		while (i < s.length()) {
			char c = s.charAt(i);
			if (c == '\'' || c == '"') {
				int end = s.indexOf(c, i + 1);
				if (end < 0) {
					throw new IllegalArgumentException("Unterminated " + c + " at " + i);
				}
				// '' and "" inside a quoted text are two adjacent quoted texts here: same
				// result.
				current.append(s, i, end + 1);
				i = end + 1;
			}
			else if (c == '-' && s.startsWith("--", i)) {
				i = lineEnd(s, i);
			}
			else if (c == '$') {
				throw new IllegalArgumentException("Dollar quoting and parameters are not supported, at " + i);
			}
			else if (c == ':' && s.startsWith("::", i)) {
				current.append("::");
				i += 2;
			}
			else if (c == ':' && i + 1 < s.length()) {
				i = substitute(s, i, vars, current);
			}
			else if (c == ';') {
				add(steps, current, false);
				i++;
			}
			else if (c == '\\') {
				int end = lineEnd(s, i);
				String[] command = s.substring(i + 1, end).trim().split("\\s+", 3);
				switch (command[0]) {
					case "gexec" -> add(steps, current, true);
					case "set" -> vars.put(command[1], (command.length > 2) ? command[2] : "");
					default -> throw new IllegalArgumentException("Unsupported psql command \\" + command[0]);
				}
				i = end;
			}
			else {
				current.append(c);
				i++;
			}
		}
		if (!current.toString().isBlank()) {
			throw new IllegalArgumentException("Statement without ';' at the end: " + current.toString().trim());
		}
		return List.copyOf(steps);
	}

	/**
	 * Runs the script on a connection in autocommit mode, as psql does, stopping at the
	 * first error ({@code ON_ERROR_STOP}).
	 * @param connection the connection, as the role that would run psql
	 * @param variables the {@code -v} variables
	 * @throws SQLException the first error
	 */
	public void run(Connection connection, Map<String, String> variables) throws SQLException {
		List<Step> steps = steps(variables);
		connection.setAutoCommit(true);
		try (Statement statement = connection.createStatement()) {
			for (Step step : steps) {
				if (!step.gexec()) {
					statement.execute(step.sql());
					continue;
				}
				List<String> generated = new ArrayList<>();
				try (ResultSet rows = statement.executeQuery(step.sql())) {
					int columns = rows.getMetaData().getColumnCount();
					while (rows.next()) {
						for (int column = 1; column <= columns; column++) {
							String value = rows.getString(column);
							if (value != null) {
								generated.add(value);
							}
						}
					}
				}
				for (String sql : generated) {
					statement.execute(sql);
				}
			}
		}
	}

	private static int substitute(String s, int colon, Map<String, String> vars, StringBuilder out) {
		char next = s.charAt(colon + 1);
		if (next == '\'' || next == '"') {
			int end = s.indexOf(next, colon + 2);
			if (end < 0) {
				throw new IllegalArgumentException("Unterminated variable at " + colon);
			}
			String value = value(vars, s.substring(colon + 2, end));
			String doubled = String.valueOf(next).repeat(2);
			out.append(next).append(value.replace(String.valueOf(next), doubled)).append(next);
			return end + 1;
		}
		int end = colon + 1;
		while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
			end++;
		}
		if (end == colon + 1) {
			out.append(':');
			return colon + 1;
		}
		out.append(value(vars, s.substring(colon + 1, end)));
		return end;
	}

	private static String value(Map<String, String> vars, String name) {
		String value = vars.get(name);
		if (value == null) {
			throw new IllegalArgumentException("Variable '" + name + "' is not set (psql -v " + name + "=...)");
		}
		return value;
	}

	private static void add(List<Step> steps, StringBuilder current, boolean gexec) {
		String sql = current.toString().trim();
		current.setLength(0);
		if (!sql.isEmpty()) {
			steps.add(new Step(sql, gexec));
		}
		else if (gexec) {
			throw new IllegalArgumentException("\\gexec without a query");
		}
	}

	private static int lineEnd(String s, int from) {
		int end = s.indexOf('\n', from);
		return (end < 0) ? s.length() : end;
	}

	/**
	 * One statement of a script, variables substituted.
	 *
	 * @param sql the statement, without its terminator
	 * @param gexec whether its result is run as statements ({@code \gexec})
	 */
	public record Step(String sql, boolean gexec) {

	}

}

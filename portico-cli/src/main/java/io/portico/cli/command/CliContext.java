package io.portico.cli.command;

import java.io.PrintWriter;
import java.util.Map;

/**
 * What the commands read from their surroundings, injectable for tests: the environment
 * (for {@code ${VAR}}, {@code PORTICO_SERVER}, {@code PORTICO_TOKEN}, {@code NO_COLOR}),
 * whether the output is a terminal, and where to print.
 *
 * @param environment the environment variables
 * @param terminal whether standard output is a terminal
 * @param out normal output
 * @param err errors and warnings
 */
public record CliContext(Map<String, String> environment, boolean terminal, PrintWriter out, PrintWriter err) {

	public CliContext {
		environment = Map.copyOf(environment);
	}

	/**
	 * Whether to colour the output: on a terminal, unless {@code NO_COLOR} is set.
	 * @return {@code true} to colour
	 */
	public boolean colour() {
		return this.terminal && !this.environment.containsKey("NO_COLOR");
	}

}

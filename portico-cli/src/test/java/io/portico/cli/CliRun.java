package io.portico.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import io.portico.cli.command.CliContext;

/**
 * Runs the CLI in-process with captured output, for tests.
 *
 * @param code the exit code
 * @param out standard output
 * @param err standard error
 */
record CliRun(int code, String out, String err) {

	static CliRun run(Map<String, String> env, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = PorticoCli.run(args, new CliContext(env, false, new PrintWriter(out), new PrintWriter(err)));
		return new CliRun(code, out.toString(), err.toString());
	}

}

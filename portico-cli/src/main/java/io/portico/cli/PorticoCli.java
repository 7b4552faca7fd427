package io.portico.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import io.portico.cli.command.CliContext;
import io.portico.cli.command.ExitCodes;
import io.portico.cli.command.RootCommand;
import picocli.CommandLine;

/**
 * The {@code portico} CLI's entry point. Tests run it in-process through
 * {@link #run(String[], CliContext)} with their own environment and writers.
 */
public final class PorticoCli {

	private PorticoCli() {
	}

	/**
	 * Runs the CLI and exits with its code.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
		PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
		System.exit(run(args, new CliContext(System.getenv(), System.console() != null, out, err)));
	}

	/**
	 * Runs one command.
	 * @param args the command line
	 * @param context the environment and output
	 * @return the exit code
	 */
	public static int run(String[] args, CliContext context) {
		return commandLine(context).execute(args);
	}

	/**
	 * The command line, configured: usage errors exit with 2, unexpected errors print
	 * their message (never a request or a token) and exit with 1.
	 * @param context the environment and output
	 * @return the picocli command line
	 */
	public static CommandLine commandLine(CliContext context) {
		CommandLine commandLine = new CommandLine(new RootCommand(context));
		commandLine.setOut(context.out());
		commandLine.setErr(context.err());
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		commandLine.setExecutionExceptionHandler((ex, line, parseResult) -> {
			line.getErr().println("Error: " + ((ex.getMessage() != null) ? ex.getMessage() : ex.toString()));
			line.getErr().flush();
			return ExitCodes.FAILURE;
		});
		return commandLine;
	}

}

package io.portico.cli.command;

import picocli.CommandLine.Command;

/**
 * The {@code portico} command: a declarative file of services for a gateway group,
 * ADC-style.
 */
@Command(name = "portico", mixinStandardHelpOptions = true, version = "portico-cli 0.1.0",
		description = "Portico's declarative CLI: lint, convert, validate, dump, diff and sync a file of services.",
		subcommands = { PingCommand.class, LintCommand.class, ValidateCommand.class, DumpCommand.class,
				DiffCommand.class, SyncCommand.class, ConvertCommand.class },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:done; for diff, no change",
				"1:other error (401, 403, 5xx, connection); diff --exit-code: changes",
				"2:invalid input (files, flags, 400)", "3:conflict (409)" })
public class RootCommand implements Runnable {

	private final CliContext context;

	/**
	 * Creates the root command.
	 * @param context the environment and output
	 */
	public RootCommand(CliContext context) {
		this.context = context;
	}

	/**
	 * The environment and output of this run.
	 * @return the context
	 */
	public CliContext context() {
		return this.context;
	}

	@Override
	public void run() {
		this.context.err()
			.println("Missing command: ping, lint, validate, dump, diff, sync or convert openapi"
					+ " (portico --help).");
		this.context.err().flush();
	}

}

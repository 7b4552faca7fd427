package io.portico.cli.command;

import picocli.CommandLine.Command;

/**
 * {@code portico convert}: converts other formats into a declarative file.
 */
@Command(name = "convert", description = "Convert another format into a declarative file.",
		subcommands = OpenApiCommand.class)
public class ConvertCommand implements Runnable {

	@Override
	public void run() {
		throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
				"Missing format: convert openapi -f spec.yaml -o file.yaml");
	}

}

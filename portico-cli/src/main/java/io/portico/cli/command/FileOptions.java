package io.portico.cli.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/**
 * The {@code -f} option: one or more declarative files, merged in order.
 */
public class FileOptions {

	@Option(names = { "-f", "--file" }, required = true, paramLabel = "FILE",
			description = "A declarative file (YAML, or JSON when named *.json); repeat to merge several.")
	List<Path> files = new ArrayList<>();

}

package io.portico.cli.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.portico.admin.imports.ImportProblem;
import io.portico.admin.imports.OpenApiImportException;
import io.portico.cli.convert.OpenApiConverter;
import io.portico.cli.file.ConfigWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code portico convert openapi -f spec.yaml -o file.yaml}: one service from an OpenAPI
 * document, with the admin's importer.
 */
@Command(name = "openapi",
		description = "Convert an OpenAPI 3.x or Swagger 2.0 document into a declarative file of one service.")
public class OpenApiCommand extends BaseCommand {

	@Option(names = { "-f", "--file" }, required = true, paramLabel = "SPEC",
			description = "The OpenAPI document (YAML or JSON).")
	Path spec;

	@Option(names = { "-o", "--output-file" }, paramLabel = "FILE",
			description = "The declarative file to write (default: standard output).")
	Path output;

	@Option(names = "--name", paramLabel = "NAME", description = "The service name (default: info.title).")
	String name;

	@Option(names = "--upstream-scheme", paramLabel = "SCHEME",
			description = "http or https: keep only the servers of that scheme (default: the first server's).")
	String upstreamScheme;

	@Override
	int execute() throws IOException {
		if (this.upstreamScheme != null && !this.upstreamScheme.equals("http")
				&& !this.upstreamScheme.equals("https")) {
			err().println("Error: --upstream-scheme must be http or https");
			return ExitCodes.INVALID;
		}
		String document;
		try {
			document = Files.readString(this.spec, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			err().println("Error: " + this.spec + " cannot be read: " + ex.getMessage());
			return ExitCodes.INVALID;
		}
		OpenApiConverter.Conversion conversion;
		try {
			conversion = new OpenApiConverter().convert(document, this.name, this.upstreamScheme);
		}
		catch (OpenApiImportException ex) {
			err().println("Error: " + this.spec + " cannot be converted: " + ex.getProblems().size() + " problem(s):");
			for (ImportProblem problem : ex.getProblems()) {
				err().println("  " + problem.field() + ": " + problem.message());
			}
			return ExitCodes.INVALID;
		}
		for (String warning : conversion.warnings()) {
			err().println("Warning: " + warning);
		}
		String yaml = ConfigWriter.yaml(conversion.config());
		if (this.output == null || this.output.toString().equals("-")) {
			out().print(yaml);
		}
		else {
			Files.writeString(this.output, yaml, StandardCharsets.UTF_8);
			int routes = conversion.config().services().get(0).routes().size();
			err().println("Wrote " + this.output + ": service " + conversion.config().services().get(0).name() + ", "
					+ routes + " route(s).");
		}
		return ExitCodes.OK;
	}

}

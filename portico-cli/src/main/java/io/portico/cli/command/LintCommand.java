package io.portico.cli.command;

import java.util.List;

import io.portico.cli.file.DeclarativeFileException;
import io.portico.cli.file.DeclarativeReader;
import io.portico.cli.file.FileProblem;
import io.portico.cli.file.LoadedConfig;
import io.portico.cli.lint.Linter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code portico lint -f FILE}: checks files locally, without a server.
 */
@Command(name = "lint", description = "Check declarative files locally, with Portico's route rules (no server).")
public class LintCommand extends BaseCommand {

	@Mixin
	FileOptions files;

	@Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
			description = "text or json (default: ${DEFAULT-VALUE}).")
	ServerOptions.OutputFormat output;

	@Override
	int execute() {
		List<FileProblem> problems;
		LoadedConfig loaded = null;
		try {
			loaded = new DeclarativeReader(context().environment()).read(this.files.files);
			problems = new Linter().lint(loaded);
		}
		catch (DeclarativeFileException ex) {
			problems = ex.getProblems();
		}
		if (this.output == ServerOptions.OutputFormat.json) {
			JsonMapper json = JsonMapper.builder().build();
			ObjectNode result = json.createObjectNode();
			result.put("valid", problems.isEmpty());
			ArrayNode errors = result.putArray("errors");
			for (FileProblem problem : problems) {
				errors.addObject()
					.put("file", problem.file())
					.put("field", problem.field())
					.put("message", problem.message());
			}
			out().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
		}
		else if (problems.isEmpty()) {
			int routes = loaded.config().services().stream().mapToInt((service) -> service.routes().size()).sum();
			out().println("Valid: " + loaded.config().services().size() + " service(s), " + routes + " route(s).");
		}
		else {
			printProblems(problems);
		}
		return problems.isEmpty() ? ExitCodes.OK : ExitCodes.INVALID;
	}

}

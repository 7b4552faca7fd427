package io.portico.cli.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.portico.cli.file.ConfigWriter;
import io.portico.cli.http.ApiResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code portico dump -o FILE}: writes the gateway group's services (in scope) as a
 * declarative file. Secrets come from the admin as placeholders.
 */
@Command(name = "dump", description = "Write the gateway group's services (in scope) as a declarative file.")
public class DumpCommand extends ServerCommand {

	@Mixin
	ScopeOptions scope;

	@Option(names = { "-o", "--output-file" }, paramLabel = "FILE",
			description = "The file to write (default: standard output).")
	Path file;

	@Override
	int execute() throws IOException {
		Integer invalid = checkScope(this.scope, null);
		if (invalid != null) {
			return invalid;
		}
		List<Map.Entry<String, String>> query = query();
		this.scope.addQuery(query);
		ApiResponse response = client().get("/api/declarative/dump", query);
		if (!response.isSuccess()) {
			return failure(response, null);
		}
		JsonNode body = body(response);
		if (body == null) {
			return ExitCodes.FAILURE;
		}
		String text = (this.server.output == ServerOptions.OutputFormat.json) ? ConfigWriter.prettyJson(body)
				: ConfigWriter.yaml(body);
		if (this.file == null || this.file.toString().equals("-")) {
			out().print(text);
		}
		else {
			Files.writeString(this.file, text, StandardCharsets.UTF_8);
			JsonNode services = body.get("services");
			err().println("Wrote " + this.file + ": " + ((services != null) ? services.size() : 0) + " service(s).");
		}
		return ExitCodes.OK;
	}

}

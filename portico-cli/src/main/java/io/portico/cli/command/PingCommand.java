package io.portico.cli.command;

import java.io.IOException;
import java.util.List;

import io.portico.cli.file.ConfigWriter;
import io.portico.cli.http.ApiResponse;
import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;

/**
 * {@code portico ping}: checks the connection and the token ({@code GET /api/me}).
 */
@Command(name = "ping", description = "Check the connection to the admin and the token (GET /api/me).")
public class PingCommand extends ServerCommand {

	@Override
	int execute() throws IOException {
		ApiResponse response = client().get("/api/me", List.of());
		if (!response.isSuccess()) {
			return failure(response, null);
		}
		JsonNode body = body(response);
		if (body == null) {
			return ExitCodes.FAILURE;
		}
		if (this.server.output == ServerOptions.OutputFormat.json) {
			out().print(ConfigWriter.prettyJson(body));
			return ExitCodes.OK;
		}
		String user = null;
		for (String key : List.of("username", "name", "user", "id")) {
			if (body.hasNonNull(key) && body.get(key).isString()) {
				user = body.get(key).stringValue();
				break;
			}
		}
		out().println("Connected to " + this.server.server(context().environment()) + " as "
				+ ((user != null) ? user : body.toString()) + ".");
		return ExitCodes.OK;
	}

}

package io.portico.cli.command;

import java.io.IOException;

import io.portico.cli.file.LoadedConfig;
import io.portico.cli.http.ApiResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code portico validate -f FILE}: lints locally, then asks the admin to check the files
 * against the gateway group (registry connections, published versions) without changing
 * anything.
 */
@Command(name = "validate", description = "Check files against the gateway group on the admin; changes nothing.")
public class ValidateCommand extends ServerCommand {

	@Mixin
	FileOptions files;

	@Override
	int execute() throws IOException {
		LoadedConfig loaded = loadChecked(this.files.files);
		ApiResponse response = client().post("/api/declarative/validate", query(), json(loaded));
		if (!response.isSuccess()) {
			return failure(response, loaded);
		}
		out().println("Valid for gateway group " + this.server.gatewayGroup + ": " + loaded.config().services().size()
				+ " service(s).");
		return ExitCodes.OK;
	}

}

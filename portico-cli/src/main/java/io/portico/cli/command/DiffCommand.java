package io.portico.cli.command;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.portico.cli.file.LoadedConfig;
import io.portico.cli.http.ApiResponse;
import io.portico.cli.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code portico diff -f FILE}: what a sync would do, as a plan; changes nothing.
 */
@Command(name = "diff", description = "Show what a sync of the files would do (a plan); changes nothing.")
public class DiffCommand extends ServerCommand {

	@Mixin
	FileOptions files;

	@Mixin
	ScopeOptions scope;

	@Option(names = "--delete", description = "Plan the deletion of what is in scope but not in the files.")
	boolean delete;

	@Option(names = "--exit-code", description = "Exit with 1 when the plan has changes (for CI).")
	boolean exitCode;

	@Override
	int execute() throws IOException {
		LoadedConfig loaded = loadChecked(this.files.files);
		Integer invalid = checkScope(this.scope, loaded);
		if (invalid != null) {
			return invalid;
		}
		List<Map.Entry<String, String>> query = planQuery(this.scope, this.delete);
		ApiResponse response = client().post("/api/declarative/diff", query, json(loaded));
		if (!response.isSuccess()) {
			return failure(response, loaded);
		}
		Plan plan = printPlan(response);
		if (plan == null) {
			return ExitCodes.FAILURE;
		}
		return (this.exitCode && plan.hasChanges()) ? ExitCodes.FAILURE : ExitCodes.OK;
	}

}

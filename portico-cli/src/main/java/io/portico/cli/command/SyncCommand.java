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
 * {@code portico sync -f FILE}: applies the files to the gateway group in one
 * transaction, within the scope; {@code --dry-run} only plans.
 */
@Command(name = "sync", description = "Apply the files to the gateway group, in one transaction, within the scope.")
public class SyncCommand extends ServerCommand {

	@Mixin
	FileOptions files;

	@Mixin
	ScopeOptions scope;

	@Option(names = "--dry-run", description = "Compute and print the plan; change nothing.")
	boolean dryRun;

	@Option(names = "--delete", description = "Delete what is in scope but not in the files.")
	boolean delete;

	@Option(names = "--plan-revision", paramLabel = "N",
			description = "Refuse (409) unless the group is still at this config revision (from a reviewed diff).")
	Long planRevision;

	@Override
	int execute() throws IOException {
		LoadedConfig loaded = loadChecked(this.files.files);
		Integer invalid = checkScope(this.scope, loaded);
		if (invalid != null) {
			return invalid;
		}
		List<Map.Entry<String, String>> query = planQuery(this.scope, this.delete);
		query.add(Map.entry("dry_run", String.valueOf(this.dryRun)));
		if (this.planRevision != null) {
			query.add(Map.entry("plan_revision", String.valueOf(this.planRevision)));
		}
		ApiResponse response = client().post("/api/declarative/sync", query, json(loaded));
		if (!response.isSuccess()) {
			return failure(response, loaded);
		}
		Plan plan = printPlan(response);
		return (plan != null) ? ExitCodes.OK : ExitCodes.FAILURE;
	}

}

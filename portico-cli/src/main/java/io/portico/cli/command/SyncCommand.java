package io.portico.cli.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
		List<Map.Entry<String, String>> more = new ArrayList<>();
		more.add(Map.entry("dry_run", String.valueOf(this.dryRun)));
		if (this.planRevision != null) {
			more.add(Map.entry("plan_revision", String.valueOf(this.planRevision)));
		}
		return sendFiles("/api/declarative/sync", this.files, this.scope, this.delete, more, (plan) -> ExitCodes.OK);
	}

}

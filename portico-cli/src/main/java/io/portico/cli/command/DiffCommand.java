package io.portico.cli.command;

import java.io.IOException;
import java.util.List;

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
		return sendFiles("/api/declarative/diff", this.files, this.scope, this.delete, List.of(),
				(plan) -> (this.exitCode && plan.hasChanges()) ? ExitCodes.FAILURE : ExitCodes.OK);
	}

}

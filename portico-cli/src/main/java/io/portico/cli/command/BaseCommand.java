package io.portico.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.portico.cli.file.DeclarativeFileException;
import io.portico.cli.file.DeclarativeReader;
import io.portico.cli.file.FileProblem;
import io.portico.cli.file.LoadedConfig;
import io.portico.cli.lint.Linter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command shares: the context, reading and checking files, and turning
 * failures into messages and exit codes.
 */
abstract class BaseCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	CliContext context() {
		return ((RootCommand) this.spec.root().userObject()).context();
	}

	PrintWriter out() {
		return context().out();
	}

	PrintWriter err() {
		return context().err();
	}

	@Override
	public final Integer call() {
		try {
			return execute();
		}
		catch (DeclarativeFileException ex) {
			printProblems(ex.getProblems());
			return ExitCodes.INVALID;
		}
		catch (HttpConnectTimeoutException ex) {
			err().println("Error: the admin did not accept a connection in time: " + ex.getMessage());
			return ExitCodes.FAILURE;
		}
		catch (HttpTimeoutException ex) {
			err().println("Error: the admin did not answer in time: " + ex.getMessage());
			return ExitCodes.FAILURE;
		}
		catch (IOException ex) {
			err().println("Error: cannot reach the admin: "
					+ ((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName()));
			return ExitCodes.FAILURE;
		}
		finally {
			out().flush();
			err().flush();
		}
	}

	abstract int execute() throws IOException;

	/**
	 * Reads, merges and lints files.
	 * @throws DeclarativeFileException listing every problem
	 */
	LoadedConfig loadChecked(List<Path> files) {
		LoadedConfig loaded = new DeclarativeReader(context().environment()).read(files);
		List<FileProblem> problems = new Linter().lint(loaded);
		if (!problems.isEmpty()) {
			throw new DeclarativeFileException(problems);
		}
		return loaded;
	}

	void printProblems(List<FileProblem> problems) {
		err().println("Error: " + problems.size() + " problem(s) in the declarative file(s):");
		for (FileProblem problem : problems) {
			err().println("  " + problem);
		}
	}

}

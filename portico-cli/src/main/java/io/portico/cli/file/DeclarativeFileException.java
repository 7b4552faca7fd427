package io.portico.cli.file;

import java.util.List;

/**
 * Declarative files that cannot be used, with every problem found.
 */
public class DeclarativeFileException extends RuntimeException {

	private final List<FileProblem> problems;

	public DeclarativeFileException(List<FileProblem> problems) {
		super(problems.size() + " problem(s) in the declarative file(s), first " + problems.get(0));
		this.problems = List.copyOf(problems);
	}

	/**
	 * The problems, in file order.
	 * @return an immutable list
	 */
	public List<FileProblem> getProblems() {
		return this.problems;
	}

}

package io.portico.admin.imports;

import java.util.List;

/**
 * A document that cannot be imported, with every problem found and where it is.
 */
public class OpenApiImportException extends RuntimeException {

	private final List<ImportProblem> problems;

	public OpenApiImportException(List<ImportProblem> problems) {
		super("The document cannot be imported: " + problems.size() + " problem(s), first " + problems.get(0).field()
				+ ": " + problems.get(0).message());
		this.problems = List.copyOf(problems);
	}

	/**
	 * The problems, in document order where known.
	 * @return an immutable list
	 */
	public List<ImportProblem> getProblems() {
		return this.problems;
	}

}

package io.portico.cli.file;

/**
 * One problem in a declarative file.
 *
 * @param file the file name as given on the command line, or {@code null} when the
 * problem has no file (a server error about the merged files)
 * @param field where in the file: a path such as {@code services[0].plugins}, or
 * {@code line 3}
 * @param message what is wrong, for a person
 */
public record FileProblem(String file, String field, String message) {

	@Override
	public String toString() {
		String where = (this.field == null || this.field.isEmpty()) ? "" : this.field + ": ";
		return ((this.file != null) ? this.file + ": " : "") + where + this.message;
	}

}

package io.portico.admin.imports;

/**
 * One problem found in an imported document: an error that refuses the import, or a
 * warning about something the import left out or changed.
 *
 * @param field where in the document: {@code paths./pets.get}, {@code info.title},
 * {@code line 12, column 3}, or {@code $} for the whole document
 * @param message what is wrong, in the parser's words where the parser found it
 */
public record ImportProblem(String field, String message) {

}

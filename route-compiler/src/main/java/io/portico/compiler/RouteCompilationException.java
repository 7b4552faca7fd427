package io.portico.compiler;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a published service cannot be compiled; carries every field error found.
 */
public class RouteCompilationException extends RuntimeException {

	private final List<FieldError> errors;

	public RouteCompilationException(List<FieldError> errors) {
		super(errors.stream().map((e) -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
		this.errors = List.copyOf(errors);
	}

	/**
	 * The field errors.
	 * @return an immutable list, never empty
	 */
	public List<FieldError> getErrors() {
		return this.errors;
	}

}

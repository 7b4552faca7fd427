package io.portico.compiler;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects field errors under a JSON path, so nested checks name fields relative to the
 * published service ({@code routes[0].paths[1]}).
 */
final class Errors {

	private final List<FieldError> list;

	private final String prefix;

	Errors() {
		this(new ArrayList<>(), "");
	}

	private Errors(List<FieldError> list, String prefix) {
		this.list = list;
		this.prefix = prefix;
	}

	/**
	 * A view that adds its errors to the same list, under a child path.
	 * @param path the child path ({@code routes[0]}, {@code upstream})
	 * @return the view
	 */
	Errors at(String path) {
		return new Errors(this.list, FieldPath.join(this.prefix, path));
	}

	/**
	 * Adds a problem with a field, if there is one.
	 * @param field the field, relative to this view
	 * @param problem the problem, or {@code null} when the field is valid
	 */
	void check(String field, String problem) {
		if (problem != null) {
			add(field, problem);
		}
	}

	void add(String field, String message) {
		this.list.add(new FieldError(FieldPath.join(this.prefix, field), message));
	}

	boolean isEmpty() {
		return this.list.isEmpty();
	}

	List<FieldError> toList() {
		return List.copyOf(this.list);
	}

}

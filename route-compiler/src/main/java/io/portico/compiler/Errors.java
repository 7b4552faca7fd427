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
		return new Errors(this.list, join(this.prefix, path));
	}

	void add(String field, String message) {
		this.list.add(new FieldError(join(this.prefix, field), message));
	}

	boolean isEmpty() {
		return this.list.isEmpty();
	}

	List<FieldError> toList() {
		return List.copyOf(this.list);
	}

	static String join(String parent, String child) {
		if (parent.isEmpty()) {
			return child;
		}
		if (child.isEmpty()) {
			return parent;
		}
		return child.startsWith("[") ? parent + child : parent + "." + child;
	}

}

package io.portico.compiler;

/**
 * One problem with one input field, named as in the admin API's JSON
 * ({@code upstream.nodes[0].port}).
 *
 * @param field the JSON path of the field, relative to the compiled object
 * @param message what is wrong, for a person
 */
public record FieldError(String field, String message) {

	/**
	 * Returns this error with its field placed under a parent path.
	 * @param parent the parent path, such as {@code services[2]}
	 * @return the error with field {@code parent.field}
	 */
	public FieldError under(String parent) {
		return new FieldError(FieldPath.join(parent, this.field), this.message);
	}

}

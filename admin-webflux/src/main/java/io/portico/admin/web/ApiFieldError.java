package io.portico.admin.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One problem with one request field, named by its JSON path.
 *
 * @param field the JSON path ({@code services[0].upstream.nodes[0].port}); {@code $} for
 * the whole body
 * @param message what is wrong
 */
@Schema(description = "One problem with one request field.")
public record ApiFieldError(
		@Schema(description = "JSON path of the field; `$` for the whole body.",
				example = "services[0].upstream.nodes[0].port") String field,
		@Schema(description = "What is wrong with it.", example = "must be between 1 and 65535") String message) {

	/**
	 * Errors of a part of a larger request, named from the whole request.
	 * @param prefix the part's path ({@code services[3]})
	 * @param errors the part's errors ({@code $} for the part itself)
	 * @return the errors under the prefix
	 */
	public static List<ApiFieldError> under(String prefix, List<ApiFieldError> errors) {
		return errors.stream()
			.map((error) -> new ApiFieldError(error.field().equals("$") ? prefix : prefix + "." + error.field(),
					error.message()))
			.toList();
	}

}

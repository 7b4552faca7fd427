package io.portico.admin.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A request that cannot be served, with the status and the fields to blame; rendered as
 * an RFC 9457 problem.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final List<ApiFieldError> errors;

	private final Map<String, Object> properties;

	public ApiException(HttpStatus status, String detail, List<ApiFieldError> errors) {
		this(status, detail, errors, Map.of());
	}

	public ApiException(HttpStatus status, String detail, List<ApiFieldError> errors, Map<String, Object> properties) {
		super(detail);
		this.status = status;
		this.errors = List.copyOf(errors);
		this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
	}

	/**
	 * A 400 naming one field.
	 * @param field the JSON path
	 * @param message what is wrong
	 * @return the exception
	 */
	public static ApiException badRequest(String field, String message) {
		return new ApiException(HttpStatus.BAD_REQUEST, field + ": " + message,
				List.of(new ApiFieldError(field, message)));
	}

	/**
	 * A 400 naming several fields.
	 * @param errors the fields, at least one
	 * @return the exception
	 */
	public static ApiException badRequest(List<ApiFieldError> errors) {
		return new ApiException(HttpStatus.BAD_REQUEST, "The request has " + errors.size() + " invalid field(s)",
				errors);
	}

	/**
	 * A 404 for an id that does not exist.
	 * @param field the JSON path (or path variable) holding the id
	 * @param what the kind of object, such as {@code gateway group}
	 * @param id the id
	 * @return the exception
	 */
	public static ApiException notFound(String field, String what, String id) {
		String message = what + " '" + id + "' does not exist";
		return new ApiException(HttpStatus.NOT_FOUND, message, List.of(new ApiFieldError(field, message)));
	}

	/**
	 * A 409 naming one field.
	 * @param field the JSON path
	 * @param message what conflicts
	 * @return the exception
	 */
	public static ApiException conflict(String field, String message) {
		return new ApiException(HttpStatus.CONFLICT, message, List.of(new ApiFieldError(field, message)));
	}

	/**
	 * The response status.
	 * @return the status
	 */
	public HttpStatus getStatus() {
		return this.status;
	}

	/**
	 * The fields to blame.
	 * @return an immutable list, possibly empty
	 */
	public List<ApiFieldError> getErrors() {
		return this.errors;
	}

	/**
	 * More members of the problem body.
	 * @return an immutable map, possibly empty
	 */
	public Map<String, Object> getProperties() {
		return this.properties;
	}

}

package io.portico.cli.http;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An RFC 9457 problem returned by the admin: its {@code detail} and the field errors it
 * lists ({@code errors[]} of {@code {field, message}}).
 *
 * @param status the HTTP status
 * @param detail the detail (or title), never {@code null}
 * @param errors the field errors, possibly empty
 */
public record Problem(int status, String detail, List<FieldMessage> errors) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Reads a problem from an error response; a body that is not a problem gives a detail
	 * naming the status.
	 * @param response the response
	 * @return the problem
	 */
	public static Problem of(ApiResponse response) {
		String detail = null;
		List<FieldMessage> errors = new ArrayList<>();
		try {
			JsonNode body = JSON.readTree((response.body() != null) ? response.body() : "");
			if (body != null && body.isObject()) {
				detail = text(body.get("detail"));
				if (detail == null) {
					detail = text(body.get("title"));
				}
				JsonNode list = body.get("errors");
				if (list != null && list.isArray()) {
					for (JsonNode error : list) {
						errors.add(new FieldMessage(text(error.get("field")), text(error.get("message"))));
					}
				}
			}
		}
		catch (JacksonException ex) {
			// Not JSON: a proxy's error page, for example; the status says enough.
		}
		if (detail == null) {
			detail = "the admin answered HTTP " + response.status();
		}
		return new Problem(response.status(), detail, errors);
	}

	private static String text(JsonNode node) {
		return (node != null && !node.isNull()) ? node.asString() : null;
	}

	/**
	 * One field error of a problem.
	 *
	 * @param field the field's path, such as {@code services[3].routes[0].uris[1]}
	 * @param message what is wrong
	 */
	public record FieldMessage(String field, String message) {

	}

}

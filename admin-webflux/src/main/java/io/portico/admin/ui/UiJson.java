package io.portico.admin.ui;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Writes a value as the API's JSON for a page ({@code ${@uiJson.write(value)}}), so that
 * a form can send part of what it shows back unchanged, such as a canary's conditions
 * when only its weight changes.
 */
@Component("uiJson")
public class UiJson {

	private final JsonMapper json;

	UiJson(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The value as JSON text.
	 * @param value the value
	 * @return its JSON
	 */
	public String write(Object value) {
		return this.json.writeValueAsString(value);
	}

}

package io.portico.admin.store;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads and writes the admin's own small JSON columns ({@code labels},
 * {@code config_errors}); routes and runtime use the route-compiler's stored format.
 */
@Component
public class JsonColumns {

	private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
	};

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final TypeReference<List<Map<String, Object>>> ERRORS = new TypeReference<>() {
	};

	// A plain mapper: the stored shape must not depend on the API's naming settings.
	private final JsonMapper mapper = JsonMapper.builder().build();

	/**
	 * Writes labels, sorted by key so that equal labels are stored equally.
	 * @param labels the labels, {@code null} for none
	 * @return the JSON text
	 */
	public String writeLabels(Map<String, String> labels) {
		return this.mapper.writeValueAsString((labels != null) ? new TreeMap<>(labels) : Map.of());
	}

	/**
	 * Reads labels.
	 * @param json the JSON text, {@code null} or empty for none
	 * @return an immutable map
	 */
	public Map<String, String> readLabels(String json) {
		if (json == null || json.isBlank()) {
			return Map.of();
		}
		return Map.copyOf(this.mapper.readValue(json, LABELS));
	}

	/**
	 * Writes a list of strings (paths, methods).
	 * @param values the values
	 * @return the JSON array
	 */
	public String writeStrings(List<String> values) {
		return this.mapper.writeValueAsString((values != null) ? values : List.of());
	}

	/**
	 * Reads a list of strings.
	 * @param json the JSON array, {@code null} or empty for none
	 * @return an immutable list
	 */
	public List<String> readStrings(String json) {
		if (json == null || json.isBlank()) {
			return List.of();
		}
		return List.copyOf(this.mapper.readValue(json, STRINGS));
	}

	/**
	 * Reads the configuration errors a gateway reported: a JSON array of objects (or of
	 * strings, kept as {@code message}).
	 * @param json the JSON text
	 * @return an immutable list of field/message maps
	 */
	public List<Map<String, Object>> readObjectArray(String json) {
		if (json == null || json.isBlank()) {
			return List.of();
		}
		try {
			return List.copyOf(this.mapper.readValue(json, ERRORS));
		}
		catch (RuntimeException ex) {
			List<?> raw = this.mapper.readValue(json, List.class);
			return raw.stream().map((item) -> Map.<String, Object>of("message", String.valueOf(item))).toList();
		}
	}

}

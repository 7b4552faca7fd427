package io.portico.compiler.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import io.portico.compiler.EnumNames;
import io.portico.compiler.FieldError;
import io.portico.compiler.FieldPath;
import io.portico.compiler.RouteCompilationException;

/**
 * One read of a stored document: parses it, and collects every shape error (named with
 * {@link FieldPath}) before throwing them together as a
 * {@link RouteCompilationException}. Also holds the mapper the stored format is read and
 * written with.
 */
final class JsonReader {

	// Our own, never an application's: the stored format must not change with its
	// settings.
	static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.build();

	static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final List<FieldError> errors = new ArrayList<>();

	private JsonReader() {
	}

	/**
	 * Reads one document.
	 * @param <T> what the document holds
	 * @param json the JSON text
	 * @param root the root field of errors, {@code ""} for none
	 * @param document reads the parsed root node, reporting to the reader
	 * @return what was read
	 * @throws RouteCompilationException with every error found
	 */
	static <T> T read(String json, String root, BiFunction<JsonReader, JsonNode, T> document) {
		JsonReader reader = new JsonReader();
		JsonNode node = reader.parse(json, root);
		T result = (node != null) ? document.apply(reader, node) : null;
		if (!reader.errors.isEmpty()) {
			throw new RouteCompilationException(reader.errors);
		}
		return result;
	}

	static ArrayNode strings(List<String> values) {
		ArrayNode array = NODES.arrayNode();
		values.forEach(array::add);
		return array;
	}

	private JsonNode parse(String json, String root) {
		if (json == null || json.isBlank()) {
			error(root, "is required");
			return null;
		}
		try {
			return MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			TokenStreamLocation location = ex.getLocation();
			String where = (location != null && location.getLineNr() > 0)
					? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "";
			error(root, "is not valid JSON" + where + ": " + firstLine(ex.getOriginalMessage()));
			return null;
		}
	}

	void error(String field, String message) {
		this.errors.add(new FieldError(field, message));
	}

	/**
	 * Checks that a node is an object with known fields only.
	 * @return whether it is an object
	 */
	boolean object(JsonNode node, String path, Set<String> fields) {
		if (node == null || !node.isObject()) {
			error(path, "must be a JSON object");
			return false;
		}
		for (String name : node.propertyNames()) {
			if (!fields.contains(name)) {
				error(FieldPath.join(path, name), "is not a known field");
			}
		}
		return true;
	}

	String string(JsonNode node, String field, String path) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			error(FieldPath.join(path, field), "must be a string");
			return null;
		}
		return value.stringValue();
	}

	List<String> stringList(JsonNode node, String field, String path) {
		JsonNode value = node.get(field);
		String at = FieldPath.join(path, field);
		if (value == null || value.isNull()) {
			return List.of();
		}
		if (!value.isArray()) {
			error(at, "must be a JSON array of strings");
			return List.of();
		}
		List<String> result = new ArrayList<>();
		for (int i = 0; i < value.size(); i++) {
			if (!value.get(i).isString()) {
				error(FieldPath.index(at, i), "must be a string");
			}
			else {
				result.add(value.get(i).stringValue());
			}
		}
		return result;
	}

	Integer integer(JsonNode node, String field, String path, Integer fallback) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			if (fallback == null) {
				error(FieldPath.join(path, field), "is required");
			}
			return fallback;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt()) {
			error(FieldPath.join(path, field), "must be an integer");
			return null;
		}
		return value.intValue();
	}

	/**
	 * Reads an enum value, written in lower case.
	 * @param required whether a missing value is an error
	 * @return the value, or {@code null} when missing or unknown
	 */
	<E extends Enum<E>> E enumValue(JsonNode node, String field, String path, E[] values, boolean required) {
		JsonNode raw = node.get(field);
		String value = string(node, field, path);
		for (E candidate : values) {
			if (EnumNames.jsonValue(candidate).equals(value)) {
				return candidate;
			}
		}
		if (value != null) {
			error(FieldPath.join(path, field), EnumNames.mustBeOneOf(values));
		}
		else if (required && (raw == null || raw.isNull())) {
			error(FieldPath.join(path, field), "is required (one of " + EnumNames.list(values) + ")");
		}
		return null;
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable";
		}
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline) : message;
	}

}

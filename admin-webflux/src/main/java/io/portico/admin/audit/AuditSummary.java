package io.portico.admin.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request of an audited action as the log keeps it: JSON with every secret-looking
 * member masked, cut to a bounded length.
 */
public final class AuditSummary {

	/** The longest summary kept. */
	public static final int MAX_LENGTH = 4000;

	/** What a masked value reads. */
	public static final String MASK = "******";

	private static final Pattern SECRET = Pattern.compile("password|passwd|secret|token|credential|api_?key|private");

	private AuditSummary() {
	}

	/**
	 * Summarizes a request body.
	 * @param jsonMapper the application's mapper (snake_case names)
	 * @param body the request body, or {@code null}
	 * @return the masked JSON, or an empty string
	 */
	public static String of(JsonMapper jsonMapper, Object body) {
		if (body == null) {
			return "";
		}
		if (body instanceof CharSequence text) {
			// Raw documents (an OpenAPI import) are not JSON objects we can mask: keep
			// only their size.
			return "(" + text.length() + " characters)";
		}
		try {
			JsonNode tree = jsonMapper.valueToTree(body);
			mask(tree);
			String json = jsonMapper.writeValueAsString(tree);
			return (json.length() > MAX_LENGTH) ? json.substring(0, MAX_LENGTH - 3) + "..." : json;
		}
		catch (RuntimeException ex) {
			return "(" + body.getClass().getSimpleName() + ")";
		}
	}

	/**
	 * Whether a member name looks like it holds a secret.
	 * @param name the member name
	 * @return {@code true} if its value must be masked
	 */
	public static boolean isSecret(String name) {
		return SECRET.matcher(name.toLowerCase(Locale.ROOT)).find();
	}

	private static void mask(JsonNode node) {
		if (node instanceof ObjectNode object) {
			List<String> names = new ArrayList<>();
			for (Map.Entry<String, JsonNode> member : object.properties()) {
				names.add(member.getKey());
			}
			for (String name : names) {
				JsonNode value = object.get(name);
				if (isSecret(name) && !value.isNull()) {
					object.put(name, MASK);
				}
				else {
					mask(value);
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			for (JsonNode item : array) {
				mask(item);
			}
		}
	}

}

package io.portico.benchmarks.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Generates realistic OpenAPI 3.0 documents of a given size: resources with a collection
 * ({@code GET}, {@code POST}) and an item ({@code GET}, {@code PUT}, {@code DELETE})
 * path, parameters, request bodies, responses and one schema each.
 */
public final class OpenApiDocuments {

	private static final String[] ITEM_METHODS = { "get", "put", "delete" };

	private static final String[] COLLECTION_METHODS = { "get", "post" };

	private OpenApiDocuments() {
	}

	/**
	 * A document with exactly {@code operations} operations.
	 * @param operations the number of operations, at least 1
	 * @param yaml YAML when {@code true}, JSON otherwise
	 * @return the document text
	 */
	public static String generate(int operations, boolean yaml) {
		ObjectMapper json = JsonMapper.builder().build();
		ObjectNode root = json.createObjectNode();
		root.put("openapi", "3.0.3");
		root.putObject("info")
			.put("title", "Generated API with " + operations + " operations")
			.put("description", "A generated document for the import benchmark.")
			.put("version", "1.0.0");
		root.putArray("servers").addObject().put("url", "https://api.example.com/v1");
		ObjectNode paths = root.putObject("paths");
		ObjectNode schemas = root.putObject("components").putObject("schemas");
		int count = 0;
		for (int resource = 0; count < operations; resource++) {
			String name = "resource" + resource;
			String schema = "Resource" + resource;
			schemas.set(schema, schema(json));
			ObjectNode collection = paths.putObject("/" + name);
			for (String method : COLLECTION_METHODS) {
				if (count < operations) {
					collection.set(method, operation(json, method, name, schema, false));
					count++;
				}
			}
			ObjectNode item = paths.putObject("/" + name + "/{id}");
			for (String method : ITEM_METHODS) {
				if (count < operations) {
					item.set(method, operation(json, method, name, schema, true));
					count++;
				}
			}
			if (item.isEmpty()) {
				paths.remove("/" + name + "/{id}");
			}
		}
		try {
			return yaml ? YAMLMapper.builder().build().writeValueAsString(root)
					: json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ObjectNode operation(ObjectMapper json, String method, String resource, String schema,
			boolean item) {
		ObjectNode operation = json.createObjectNode();
		operation.putArray("tags").add(resource);
		operation.put("summary", method + " " + resource + (item ? " by id" : ""));
		operation.put("operationId",
				method + Character.toUpperCase(resource.charAt(0)) + resource.substring(1) + (item ? "ById" : ""));
		ArrayNode parameters = operation.putArray("parameters");
		if (item) {
			ObjectNode id = parameters.addObject().put("name", "id").put("in", "path").put("required", true);
			id.putObject("schema").put("type", "integer").put("format", "int64");
		}
		else if (method.equals("get")) {
			parameters.addObject().put("name", "limit").put("in", "query").putObject("schema").put("type", "integer");
		}
		String ref = "#/components/schemas/" + schema;
		if (method.equals("post") || method.equals("put")) {
			operation.putObject("requestBody")
				.put("required", true)
				.putObject("content")
				.putObject("application/json")
				.putObject("schema")
				.put("$ref", ref);
		}
		ObjectNode responses = operation.putObject("responses");
		ObjectNode ok = responses.putObject(method.equals("post") ? "201" : "200").put("description", "success");
		if (!method.equals("delete")) {
			ok.putObject("content").putObject("application/json").putObject("schema").put("$ref", ref);
		}
		responses.putObject("404").put("description", "not found");
		return operation;
	}

	private static ObjectNode schema(ObjectMapper json) {
		ObjectNode schema = json.createObjectNode().put("type", "object");
		schema.putArray("required").add("id").add("name");
		ObjectNode properties = schema.putObject("properties");
		properties.putObject("id").put("type", "integer").put("format", "int64");
		properties.putObject("name").put("type", "string").put("example", "example");
		properties.putObject("createdAt").put("type", "string").put("format", "date-time");
		properties.putObject("tags").put("type", "array").putObject("items").put("type", "string");
		return schema;
	}

}

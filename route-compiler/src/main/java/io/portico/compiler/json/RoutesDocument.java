package io.portico.compiler.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.portico.compiler.FieldPath;
import io.portico.compiler.model.RouteSpec;

/**
 * The routes of a published version ({@code published_version.routes}): a JSON array of
 * routes, see {@link StoredFormat}.
 */
final class RoutesDocument {

	private static final Set<String> ROUTE_FIELDS = Set.of("id", "name", "paths", "methods", "description", "labels");

	private RoutesDocument() {
	}

	static List<RouteSpec> read(String json) {
		List<RouteSpec> routes = JsonReader.read(json, StoredFormat.ROUTES, RoutesDocument::routes);
		return (routes != null) ? routes : List.of();
	}

	static String write(List<RouteSpec> routes) {
		ArrayNode array = JsonReader.NODES.arrayNode();
		for (RouteSpec route : routes) {
			array.add(routeNode(route));
		}
		return JsonReader.MAPPER.writeValueAsString(array);
	}

	private static List<RouteSpec> routes(JsonReader reader, JsonNode root) {
		if (!root.isArray()) {
			reader.error(StoredFormat.ROUTES, "must be a JSON array");
			return List.of();
		}
		List<RouteSpec> routes = new ArrayList<>();
		for (int i = 0; i < root.size(); i++) {
			RouteSpec route = route(reader, root.get(i), FieldPath.index(StoredFormat.ROUTES, i));
			if (route != null) {
				routes.add(route);
			}
		}
		return List.copyOf(routes);
	}

	private static RouteSpec route(JsonReader reader, JsonNode node, String path) {
		if (!reader.object(node, path, ROUTE_FIELDS)) {
			return null;
		}
		String id = reader.string(node, "id", path);
		String name = reader.string(node, "name", path);
		List<String> paths = reader.stringList(node, "paths", path);
		List<String> methods = reader.stringList(node, "methods", path);
		String description = reader.string(node, "description", path);
		Map<String, String> labels = labels(reader, node, path);
		return new RouteSpec(id, name, paths, methods, description, labels);
	}

	private static Map<String, String> labels(JsonReader reader, JsonNode node, String path) {
		JsonNode labels = node.get("labels");
		String at = FieldPath.join(path, "labels");
		if (labels == null || labels.isNull()) {
			return Map.of();
		}
		if (!labels.isObject()) {
			reader.error(at, "must be a JSON object");
			return Map.of();
		}
		Map<String, String> result = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : labels.properties()) {
			if (!entry.getValue().isString()) {
				reader.error(FieldPath.key(at, entry.getKey()), "must be a string");
			}
			else {
				result.put(entry.getKey(), entry.getValue().stringValue());
			}
		}
		return result;
	}

	private static ObjectNode routeNode(RouteSpec route) {
		ObjectNode object = JsonReader.NODES.objectNode();
		object.put("id", route.id());
		object.put("name", route.name());
		object.set("paths", JsonReader.strings(route.paths()));
		object.set("methods", JsonReader.strings(route.methods()));
		object.put("description", route.description());
		ObjectNode labels = object.putObject("labels");
		new TreeMap<>(route.labels()).forEach(labels::put);
		return object;
	}

}

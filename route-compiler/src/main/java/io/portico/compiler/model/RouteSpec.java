package io.portico.compiler.model;

import java.util.List;
import java.util.Map;

/**
 * A route as kept in a service template and snapshotted into a published version.
 *
 * @param id the route id, stable across versions of the template
 * @param name the route name, unique within the service
 * @param paths the paths it matches: {@code /exact}, {@code /prefix/*},
 * {@code /users/{id}}
 * @param methods the HTTP methods it matches (upper case); empty matches every method
 * @param description free text
 * @param labels free key/value labels
 */
public record RouteSpec(String id, String name, List<String> paths, List<String> methods, String description,
		Map<String, String> labels) {

	public RouteSpec {
		paths = (paths != null) ? List.copyOf(paths) : List.of();
		methods = (methods != null) ? List.copyOf(methods) : List.of();
		description = (description != null) ? description : "";
		labels = (labels != null) ? Map.copyOf(labels) : Map.of();
	}

}

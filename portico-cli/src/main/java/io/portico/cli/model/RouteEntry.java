package io.portico.cli.model;

import java.util.List;
import java.util.Map;

/**
 * One route of a service.
 *
 * @param name the route name, unique in the service
 * @param uris the paths it matches ({@code /exact}, {@code /prefix/*},
 * {@code /users/{id}})
 * @param uriField the key the file used for the paths: {@code uris} (ADC's) or
 * {@code paths} (the admin API's); errors name the same key
 * @param methods the HTTP methods (empty for every method)
 * @param description free text, or {@code null}
 * @param labels free key/value labels
 */
public record RouteEntry(String name, List<String> uris, String uriField, List<String> methods, String description,
		Map<String, String> labels) {

	/** ADC's name of the route paths, and the one written. */
	public static final String URIS = "uris";

	/** The admin API's name of the route paths, accepted as an alias. */
	public static final String PATHS = "paths";

	public RouteEntry {
		uris = (uris != null) ? List.copyOf(uris) : List.of();
		uriField = (uriField != null) ? uriField : URIS;
		methods = (methods != null) ? List.copyOf(methods) : List.of();
		labels = (labels != null) ? Map.copyOf(labels) : Map.of();
	}

}

package io.portico.admin.template.route;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.portico.compiler.model.RouteSpec;

/**
 * A row of table {@code template_route}.
 *
 * @param id the route id, stable across versions
 * @param templateId the template it belongs to
 * @param name unique within the template
 * @param paths the paths it matches
 * @param methods the methods it matches; empty for all
 * @param description free text
 * @param labels free key/value labels
 * @param position order within the template
 * @param createdAt creation time
 * @param updatedAt last edit time
 * @param rowVersion optimistic lock
 */
public record TemplateRouteRow(String id, String templateId, String name, List<String> paths, List<String> methods,
		String description, Map<String, String> labels, int position, OffsetDateTime createdAt,
		OffsetDateTime updatedAt, long rowVersion) {

	/**
	 * Creates the row.
	 * @param id the route id, stable across versions
	 * @param templateId the template it belongs to
	 * @param name unique within the template
	 * @param paths the paths it matches
	 * @param methods the methods it matches; empty for all
	 * @param description free text
	 * @param labels free key/value labels
	 * @param position order within the template
	 * @param createdAt creation time
	 * @param updatedAt last edit time
	 * @param rowVersion optimistic lock
	 */
	public TemplateRouteRow {
		paths = List.copyOf(paths);
		methods = List.copyOf(methods);
		labels = Map.copyOf(labels);
	}

	/**
	 * The route as the compiler and published versions see it.
	 * @return the route spec
	 */
	public RouteSpec toSpec() {
		return new RouteSpec(this.id, this.name, this.paths, this.methods, this.description, this.labels);
	}

}

package io.portico.admin.imports;

import java.util.List;
import java.util.Map;

import io.portico.compiler.model.RouteSpec;

/**
 * What an OpenAPI document describes, mapped onto a service template: every route has
 * passed the route compiler's rules and has a unique name; routes carry no id yet.
 *
 * @param name the template name, from {@code info.title}
 * @param description from {@code info.description}, possibly empty
 * @param labels one label per document tag (the tag name, with an empty value)
 * @param routes one route per (path, method), in document order
 * @param suggestedNodes upstream nodes from the document's servers
 * @param warnings what the import left out or changed
 * @param skipped names of the operations left out because no route can express them; a
 * re-import keeps the template's routes of these names as they are
 */
public record ImportedTemplate(String name, String description, Map<String, String> labels, List<RouteSpec> routes,
		List<SuggestedNode> suggestedNodes, List<ImportProblem> warnings, List<String> skipped) {

	public ImportedTemplate {
		labels = Map.copyOf(labels);
		routes = List.copyOf(routes);
		suggestedNodes = List.copyOf(suggestedNodes);
		warnings = List.copyOf(warnings);
		skipped = List.copyOf(skipped);
	}

}

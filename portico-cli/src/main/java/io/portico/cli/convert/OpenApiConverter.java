package io.portico.cli.convert;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.portico.admin.imports.ImportProblem;
import io.portico.admin.imports.ImportedTemplate;
import io.portico.admin.imports.OpenApiImporter;
import io.portico.admin.imports.SuggestedNode;
import io.portico.cli.model.DeclarativeConfig;
import io.portico.cli.model.NodeEntry;
import io.portico.cli.model.RouteEntry;
import io.portico.cli.model.ServiceEntry;
import io.portico.cli.model.UpstreamEntry;
import io.portico.compiler.DefaultRouteCompiler;
import io.portico.compiler.model.RouteSpec;

/**
 * Converts an OpenAPI 3.x or Swagger 2.0 document into a declarative file of one service,
 * with the importer the admin uses ({@link OpenApiImporter}): one route per operation,
 * named by its {@code operationId}; the document's servers as upstream nodes; version
 * {@value #VERSION}. Example: <pre>
 * Conversion result = new OpenApiConverter().convert(yaml, null, null);
 * </pre>
 */
public final class OpenApiConverter {

	/** The version of a converted service. */
	public static final String VERSION = "1.0.0";

	private final OpenApiImporter importer = new OpenApiImporter(new DefaultRouteCompiler());

	/**
	 * Converts a document.
	 * @param document the document text, JSON or YAML
	 * @param name the service name, or {@code null} for the document's {@code info.title}
	 * @param scheme {@code http} or {@code https} to keep only the servers of that
	 * scheme, or {@code null} for the first server's scheme
	 * @return the file and the importer's warnings
	 * @throws io.portico.admin.imports.OpenApiImportException when the document cannot be
	 * imported, with every problem
	 */
	public Conversion convert(String document, String name, String scheme) {
		ImportedTemplate template = this.importer.read(document);
		List<String> warnings = new ArrayList<>();
		for (ImportProblem warning : template.warnings()) {
			warnings.add(warning.field() + ": " + warning.message());
		}
		List<RouteEntry> routes = new ArrayList<>();
		for (RouteSpec route : template.routes()) {
			routes.add(new RouteEntry(route.name(), route.paths(), RouteEntry.URIS, route.methods(),
					route.description().isEmpty() ? null : route.description(), route.labels()));
		}
		String chosen = scheme;
		if (chosen == null && !template.suggestedNodes().isEmpty()) {
			chosen = template.suggestedNodes().get(0).scheme();
		}
		Set<NodeEntry> nodes = new LinkedHashSet<>();
		for (SuggestedNode node : template.suggestedNodes()) {
			if (node.scheme().equals(chosen)) {
				nodes.add(new NodeEntry(node.host(), node.port(), NodeEntry.DEFAULT_WEIGHT));
			}
			else {
				warnings.add("servers: " + node.scheme() + "://" + node.host() + ":" + node.port()
						+ " left out: the upstream scheme is " + chosen);
			}
		}
		UpstreamEntry upstream = null;
		if (!nodes.isEmpty()) {
			upstream = new UpstreamEntry(chosen, null, null, List.copyOf(nodes), null, null, null, null, null, null);
		}
		else {
			warnings.add("servers: no absolute http(s) server in the document: add upstream.nodes before sync,"
					+ " or the service stays an unpublished template");
		}
		ServiceEntry service = new ServiceEntry((name != null) ? name : template.name(),
				template.description().isEmpty() ? null : template.description(), template.labels(), List.of(), null,
				null, routes, upstream, VERSION, null, null);
		return new Conversion(new DeclarativeConfig(List.of(service)), warnings);
	}

	/**
	 * The result of a conversion.
	 *
	 * @param config the file, with one service
	 * @param warnings what the import left out or changed, for a person
	 */
	public record Conversion(DeclarativeConfig config, List<String> warnings) {

	}

}

package io.portico.admin.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.compiler.RouteCompiler;
import io.portico.compiler.model.RouteSpec;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.tags.Tag;

import static io.portico.admin.imports.ImportTexts.capped;
import static io.portico.admin.imports.ImportTexts.checkText;
import static io.portico.admin.imports.ImportTexts.labelProblem;
import static io.portico.admin.imports.ImportTexts.limited;
import static io.portico.admin.imports.ImportTexts.problem;
import static io.portico.admin.imports.ImportTexts.text;

/**
 * Maps an OpenAPI 3.0/3.1 or Swagger 2.0 document (JSON or YAML) onto a service template:
 * one route per (path, method), checked with the route compiler's rules. Pure and
 * thread-safe: no Spring, no I/O, no {@code $ref} is ever fetched.
 *
 * <p>
 * Example: <pre>
 * ImportedTemplate template = new OpenApiImporter(new DefaultRouteCompiler()).read(yaml);
 * template.routes(); // [RouteSpec[name=listPets, paths=[/pets], methods=[GET], ...], ...]
 * </pre>
 * <p>
 * Rules: the template name is {@code info.title}, its description
 * {@code info.description}, its labels the document's tags. A route is named by its
 * {@code operationId}, else by method and path ({@code get-pets-petId}); names are unique
 * (a suffix {@code -2}, {@code -3} is added) and at most 100 characters. Paths keep their
 * {@code {param}} segments (each matches one segment); server base paths are not
 * prepended. Servers with an absolute {@code http(s)} URL become suggested nodes.
 * Problems the parser reports outside {@code components} (or {@code definitions}) refuse
 * the import, as does any route the compiler would refuse; everything left out or changed
 * is a warning.
 */
public final class OpenApiImporter {

	/** The longest document accepted, in characters. */
	public static final int MAX_DOCUMENT_CHARS = 10 * 1024 * 1024;

	static final int MAX_NAME = 100;

	static final int MAX_DESCRIPTION = 2000;

	static final int MAX_LABEL_KEY = 100;

	private final OpenApiDocumentParser parser;

	private final OpenApiRouteMapper mapper;

	public OpenApiImporter(RouteCompiler compiler) {
		this.parser = new OpenApiDocumentParser();
		this.mapper = new OpenApiRouteMapper(compiler);
	}

	/**
	 * The parser's location in our notation: {@code paths.'/pets'(get).responses} becomes
	 * {@code paths./pets.get.responses}.
	 * @param parserLocation the parser's location
	 * @return the location
	 */
	static String location(String parserLocation) {
		return OpenApiDocumentParser.location(parserLocation);
	}

	/**
	 * Reads a document.
	 * @param document the document text, JSON or YAML
	 * @return the template it describes
	 * @throws OpenApiImportException listing every problem, with its location
	 */
	public ImportedTemplate read(String document) {
		if (document == null || document.isBlank()) {
			throw problem("$", "the document is empty; send an OpenAPI 3.x or Swagger 2.0 document as JSON or YAML");
		}
		if (document.length() > MAX_DOCUMENT_CHARS) {
			throw problem("$", "the document is larger than " + MAX_DOCUMENT_CHARS + " characters");
		}
		JsonNode root = this.parser.tree(document);
		List<ImportProblem> warnings = new ArrayList<>();
		OpenAPI openApi = this.parser.parse(root, warnings);
		List<ImportProblem> errors = new ArrayList<>();
		String name = templateName(openApi, errors, warnings);
		String description = (openApi.getInfo() != null) ? text(openApi.getInfo().getDescription()) : "";
		description = limited(description, MAX_DESCRIPTION, "info.description", warnings);
		checkText(description, "info.description", errors);
		Map<String, String> labels = documentLabels(openApi.getTags(), errors);
		List<String> skipped = new ArrayList<>();
		List<RouteSpec> routes = this.mapper.routes(openApi, errors, warnings, skipped);
		List<SuggestedNode> nodes = SuggestedNodes.of(root, openApi.getServers(), warnings);
		if (!errors.isEmpty()) {
			throw new OpenApiImportException(capped(errors));
		}
		return new ImportedTemplate(name, description, labels, routes, nodes, capped(warnings), skipped);
	}

	private static String templateName(OpenAPI openApi, List<ImportProblem> errors, List<ImportProblem> warnings) {
		String title = (openApi.getInfo() != null) ? text(openApi.getInfo().getTitle()).strip() : "";
		if (title.isEmpty()) {
			errors.add(new ImportProblem("info.title", "must not be blank: it names the service template"));
			return "";
		}
		title = limited(title, MAX_NAME, "info.title", warnings);
		checkText(title, "info.title", errors);
		if (title.indexOf('\n') >= 0 || title.indexOf('\r') >= 0 || title.indexOf('\t') >= 0) {
			errors.add(new ImportProblem("info.title", "must be one line: it names the service template"));
		}
		return title;
	}

	private static Map<String, String> documentLabels(List<Tag> tags, List<ImportProblem> errors) {
		Map<String, String> labels = new LinkedHashMap<>();
		if (tags == null) {
			return labels;
		}
		for (int i = 0; i < tags.size(); i++) {
			Tag tag = tags.get(i);
			if (tag != null && tag.getName() != null) {
				String problem = labelProblem(tag.getName());
				if (problem != null) {
					errors.add(new ImportProblem("tags[" + i + "].name", problem));
				}
				else {
					labels.put(tag.getName(), "");
				}
			}
		}
		return labels;
	}

}

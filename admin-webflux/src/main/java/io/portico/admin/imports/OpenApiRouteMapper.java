package io.portico.admin.imports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.portico.compiler.FieldError;
import io.portico.compiler.RouteCompiler;
import io.portico.compiler.model.RouteSpec;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;

import static io.portico.admin.imports.ImportTexts.EXPRESSION;
import static io.portico.admin.imports.ImportTexts.hasControl;
import static io.portico.admin.imports.ImportTexts.labelProblem;
import static io.portico.admin.imports.ImportTexts.limited;
import static io.portico.admin.imports.ImportTexts.text;
import static io.portico.admin.imports.OpenApiImporter.MAX_DESCRIPTION;
import static io.portico.admin.imports.OpenApiImporter.MAX_NAME;

/**
 * Mapping for the import: one route per (path, method) of the OpenAPI model, named by
 * {@code operationId} (else by method and path, made unique), with renamed path
 * parameters where the compiler needs it, and checked with the route compiler's rules.
 */
final class OpenApiRouteMapper {

	// Path parameter names the compiler accepts.
	private static final Pattern VALID_PARAMETER = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_]*\\}");

	// A parameter with any name, whole segment or within one.
	private static final Pattern PARAMETER_ANYWHERE = Pattern.compile("\\{([^{}/]+)\\}");

	private final RouteCompiler compiler;

	OpenApiRouteMapper(RouteCompiler compiler) {
		this.compiler = compiler;
	}

	List<RouteSpec> routes(OpenAPI openApi, List<ImportProblem> errors, List<ImportProblem> warnings,
			List<String> skipped) {
		List<RouteSpec> routes = new ArrayList<>();
		if (openApi.getPaths() == null || openApi.getPaths().isEmpty()) {
			warnings.add(new ImportProblem("paths", "the document has no operations, so the template gets no routes"));
			return routes;
		}
		Set<String> names = new HashSet<>();
		for (Map.Entry<String, PathItem> entry : openApi.getPaths().entrySet()) {
			String path = entry.getKey();
			PathItem item = entry.getValue();
			String at = "paths." + path;
			if (item == null) {
				continue;
			}
			if (item.get$ref() != null && item.readOperationsMap().isEmpty()) {
				warnings.add(new ImportProblem(at,
						"'$ref' path items are not followed; its operations are not imported: " + item.get$ref()));
				continue;
			}
			if (item.readOperationsMap().isEmpty()) {
				warnings.add(new ImportProblem(at, "has no operations"));
				continue;
			}
			String routePath = routePath(path, at, warnings);
			for (Map.Entry<PathItem.HttpMethod, Operation> operation : item.readOperationsMap().entrySet()) {
				String method = operation.getKey().name();
				String location = at + "." + method.toLowerCase(Locale.ROOT);
				RouteSpec route = route(routePath, path, method, operation.getValue(), location, names, errors,
						warnings, skipped);
				if (route != null) {
					routes.add(route);
				}
			}
		}
		return routes;
	}

	private RouteSpec route(String routePath, String path, String method, Operation operation, String location,
			Set<String> names, List<ImportProblem> errors, List<ImportProblem> warnings, List<String> skipped) {
		String name = uniqueName(baseName(operation.getOperationId(), method, path, location, warnings), location,
				names, warnings);
		String description = text(operation.getSummary()).strip();
		if (description.isEmpty()) {
			description = text(operation.getDescription()).strip();
		}
		description = limited(description, MAX_DESCRIPTION, location + ".description", warnings);
		Map<String, String> labels = new LinkedHashMap<>();
		if (operation.getTags() != null) {
			for (String tag : operation.getTags()) {
				String problem = labelProblem(tag);
				if (problem != null) {
					errors.add(new ImportProblem(location + ".tags", problem));
				}
				else {
					labels.put(tag, "");
				}
			}
		}
		RouteSpec route = new RouteSpec(null, name, List.of(routePath), List.of(method), description, labels);
		List<FieldError> problems = this.compiler.validateRoute(route);
		// An operation a route cannot express is left out, not the whole document.
		for (FieldError problem : problems) {
			warnings
				.add(new ImportProblem(location, "not imported: route " + problem.field() + " " + problem.message()));
		}
		if (!problems.isEmpty()) {
			skipped.add(name);
		}
		return problems.isEmpty() ? route : null;
	}

	/**
	 * The route path: parameters whose names the compiler does not accept (such as
	 * {@code {pet-id}}) are renamed, since a parameter's name does not change what it
	 * matches.
	 */
	private static String routePath(String path, String location, List<ImportProblem> warnings) {
		String[] segments = path.split("/", -1);
		boolean renamed = false;
		for (int i = 0; i < segments.length; i++) {
			// Every parameter of the segment, whole ({pet-id}) or within it
			// ({file-name}.json).
			Matcher parameter = PARAMETER_ANYWHERE.matcher(segments[i]);
			StringBuilder segment = new StringBuilder();
			while (parameter.find()) {
				String name = parameter.group(1);
				if (!VALID_PARAMETER.matcher(parameter.group()).matches()) {
					name = name.replaceAll("[^A-Za-z0-9_]", "_");
					if (Character.isDigit(name.charAt(0))) {
						name = "_" + name;
					}
					renamed = true;
				}
				parameter.appendReplacement(segment, Matcher.quoteReplacement("{" + name + "}"));
			}
			parameter.appendTail(segment);
			segments[i] = segment.toString();
		}
		if (!renamed) {
			return path;
		}
		String renamedPath = String.join("/", segments);
		warnings.add(new ImportProblem(location,
				"path parameters renamed to letters, digits and '_' (they still match one segment): " + renamedPath));
		return renamedPath;
	}

	private static String baseName(String operationId, String method, String path, String location,
			List<ImportProblem> warnings) {
		String id = text(operationId).strip();
		if (!id.isEmpty()) {
			if (id.contains(EXPRESSION) || hasControl(id)) {
				warnings.add(new ImportProblem(location + ".operationId",
						"cannot be a route name (control characters or '#{'); the route is named by method and path"));
			}
			else {
				return limited(id, MAX_NAME, location + ".operationId", warnings);
			}
		}
		StringBuilder name = new StringBuilder(method.toLowerCase(Locale.ROOT));
		String words = path.replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9_.]+", "-").replaceAll("^-+|-+$", "");
		name.append('-').append(words.isEmpty() ? "root" : words);
		return (name.length() > MAX_NAME) ? name.substring(0, MAX_NAME) : name.toString();
	}

	private static String uniqueName(String base, String location, Set<String> names, List<ImportProblem> warnings) {
		if (names.add(base)) {
			return base;
		}
		for (int n = 2;; n++) {
			String suffix = "-" + n;
			String stem = (base.length() + suffix.length() > MAX_NAME) ? base.substring(0, MAX_NAME - suffix.length())
					: base;
			String candidate = stem + suffix;
			if (names.add(candidate)) {
				warnings.add(new ImportProblem(location,
						"route name '" + base + "' is already taken in this document; named '" + candidate + "'"));
				return candidate;
			}
		}
	}

}

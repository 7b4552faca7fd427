package io.portico.admin.imports;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.portico.compiler.FieldError;
import io.portico.compiler.RouteCompiler;
import io.portico.compiler.model.RouteSpec;
import io.swagger.parser.util.SwaggerDeserializer;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import io.swagger.v3.parser.converter.SwaggerConverter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.swagger.v3.parser.util.OpenAPIDeserializer;
import org.yaml.snakeyaml.LoaderOptions;

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

	private static final int MAX_ERRORS = 100;

	private static final String EXPRESSION = "#{";

	// Path parameters the compiler accepts: a whole segment {name}.
	private static final Pattern VALID_PARAMETER = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_]*\\}");

	// A whole-segment parameter with any name.
	private static final Pattern WHOLE_SEGMENT_PARAMETER = Pattern.compile("\\{([^{}/]+)\\}");

	// "attribute <location> is missing" and the like: the parser's errors.
	private static final Pattern PARSER_ERROR = Pattern
		.compile("^attribute (\\S+) (is missing|is not of type .*|is unsupported|is unexpected|is repeated"
				+ "|is reserved by The OpenAPI Initiative)$");

	private static final Pattern OPERATION_LOCATION = Pattern.compile("'([^']*)'\\(([a-z]+)\\)");

	private static final Pattern QUOTED_LOCATION = Pattern.compile("'([^']*)'");

	private final RouteCompiler compiler;

	private final ObjectMapper json;

	private final ObjectMapper yaml;

	/**
	 * Creates the importer.
	 * @param compiler the route compiler whose rules every route must pass
	 */
	public OpenApiImporter(RouteCompiler compiler) {
		this.compiler = compiler;
		this.json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
		LoaderOptions loader = new LoaderOptions();
		loader.setCodePointLimit(MAX_DOCUMENT_CHARS);
		loader.setAllowDuplicateKeys(false);
		this.yaml = YAMLMapper.builder(YAMLFactory.builder().loaderOptions(loader).build())
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build();
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
		JsonNode root = tree(document);
		List<ImportProblem> warnings = new ArrayList<>();
		OpenAPI openApi = parse(root, warnings);
		List<ImportProblem> errors = new ArrayList<>();
		String name = templateName(openApi, errors, warnings);
		String description = (openApi.getInfo() != null) ? text(openApi.getInfo().getDescription()) : "";
		description = limited(description, MAX_DESCRIPTION, "info.description", warnings);
		checkText(description, "info.description", errors);
		Map<String, String> labels = documentLabels(openApi.getTags(), errors);
		List<RouteSpec> routes = routes(openApi, errors, warnings);
		List<SuggestedNode> nodes = suggestedNodes(root, openApi.getServers(), warnings);
		if (!errors.isEmpty()) {
			throw new OpenApiImportException(capped(errors));
		}
		return new ImportedTemplate(name, description, labels, routes, nodes, capped(warnings));
	}

	private JsonNode tree(String document) {
		String text = document.strip();
		boolean isJson = text.startsWith("{") || text.startsWith("[");
		try {
			JsonNode root = (isJson ? this.json : this.yaml).readTree(text);
			if (root == null || !root.isObject()) {
				throw problem("$", "must be an object: an OpenAPI 3.x or Swagger 2.0 document");
			}
			return root;
		}
		catch (JsonProcessingException ex) {
			JsonLocation location = ex.getLocation();
			String field = (location != null && location.getLineNr() > 0)
					? "line " + location.getLineNr() + ", column " + location.getColumnNr() : "$";
			throw problem(field, (isJson ? "malformed JSON: " : "malformed YAML: ") + syntaxMessage(ex));
		}
	}

	private OpenAPI parse(JsonNode root, List<ImportProblem> warnings) {
		JsonNode openapi = root.get("openapi");
		JsonNode swagger = root.get("swagger");
		SwaggerParseResult result;
		if (openapi != null) {
			if (!openapi.isTextual() || !(openapi.asText().startsWith("3.0") || openapi.asText().startsWith("3.1"))) {
				throw problem("openapi", "unsupported version '" + openapi.asText()
						+ "'; OpenAPI 3.0 and 3.1 (and Swagger 2.0) are supported");
			}
			ParseOptions options = new ParseOptions();
			// Never fetch anything a document points to.
			options.setResolve(false);
			result = new OpenAPIDeserializer().deserialize(root, null, options, false);
		}
		else if (swagger != null) {
			if (!"2.0".equals(swagger.asText())) {
				throw problem("swagger", "unsupported version '" + swagger.asText()
						+ "'; Swagger 2.0 (and OpenAPI 3.0 and 3.1) are supported");
			}
			// The deserializer alone: SwaggerParser would resolve (fetch) references.
			result = new SwaggerConverter().convert(new SwaggerDeserializer().deserialize(root));
		}
		else {
			throw problem("$",
					"is neither an OpenAPI 3.x document (no 'openapi' field) nor a Swagger 2.0 document (no 'swagger' field)");
		}
		List<ImportProblem> errors = new ArrayList<>();
		if (result.getMessages() != null) {
			for (String message : result.getMessages()) {
				classify(message, errors, warnings);
			}
		}
		if (result.getOpenAPI() == null && errors.isEmpty()) {
			errors.add(new ImportProblem("$", (result.getMessages() != null && !result.getMessages().isEmpty())
					? result.getMessages().get(0) : "the parser could not read the document"));
		}
		if (!errors.isEmpty()) {
			throw new OpenApiImportException(capped(errors));
		}
		return result.getOpenAPI();
	}

	/**
	 * Sorts a parser message: an error, or a warning when it does not matter for routes
	 * (problems in reusable schemas, unexpected attributes, repeated operation ids, which
	 * are made unique here, and the parser's own warnings).
	 */
	private static void classify(String message, List<ImportProblem> errors, List<ImportProblem> warnings) {
		String text = message.strip();
		Matcher matcher = PARSER_ERROR.matcher(text);
		if (!matcher.matches()) {
			warnings.add(new ImportProblem("$", text));
			return;
		}
		String location = location(matcher.group(1));
		String kind = matcher.group(2);
		boolean harmless = location.startsWith("components") || location.startsWith("definitions")
				|| kind.equals("is unexpected")
				|| (kind.equals("is repeated") && (location.endsWith(".operationId") || location.startsWith("tags")));
		(harmless ? warnings : errors).add(new ImportProblem(location, text));
	}

	/**
	 * The parser's location in our notation: {@code paths.'/pets'(get).responses} becomes
	 * {@code paths./pets.get.responses}.
	 */
	static String location(String parserLocation) {
		String location = OPERATION_LOCATION.matcher(parserLocation)
			.replaceAll((match) -> Matcher.quoteReplacement(match.group(1) + "." + match.group(2)));
		return QUOTED_LOCATION.matcher(location).replaceAll((match) -> Matcher.quoteReplacement(match.group(1)));
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

	private List<RouteSpec> routes(OpenAPI openApi, List<ImportProblem> errors, List<ImportProblem> warnings) {
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
						warnings);
				if (route != null) {
					routes.add(route);
				}
			}
		}
		return routes;
	}

	private RouteSpec route(String routePath, String path, String method, Operation operation, String location,
			Set<String> names, List<ImportProblem> errors, List<ImportProblem> warnings) {
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
		for (FieldError problem : problems) {
			errors.add(new ImportProblem(location, "route " + problem.field() + " " + problem.message()));
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
			Matcher whole = WHOLE_SEGMENT_PARAMETER.matcher(segments[i]);
			if (whole.matches() && !VALID_PARAMETER.matcher(segments[i]).matches()) {
				String name = whole.group(1).replaceAll("[^A-Za-z0-9_]", "_");
				if (Character.isDigit(name.charAt(0))) {
					name = "_" + name;
				}
				segments[i] = "{" + name + "}";
				renamed = true;
			}
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

	private static List<SuggestedNode> suggestedNodes(JsonNode root, List<Server> servers,
			List<ImportProblem> warnings) {
		Set<SuggestedNode> nodes = new LinkedHashSet<>();
		// The parser invents a server "/" when a document names none: only warn about
		// servers the document really has.
		boolean declared = root.has("servers") || root.has("host");
		Set<String> basePaths = new LinkedHashSet<>();
		if (servers == null) {
			return List.of();
		}
		for (int i = 0; i < servers.size(); i++) {
			String url = (servers.get(i) != null) ? text(servers.get(i).getUrl()).strip() : "";
			String at = "servers[" + i + "]";
			if (url.indexOf('{') >= 0) {
				warnings.add(new ImportProblem(at, "templated server URL not offered as a node: " + url));
				continue;
			}
			URI uri;
			try {
				uri = new URI(url);
			}
			catch (URISyntaxException ex) {
				warnings.add(new ImportProblem(at, "unreadable server URL not offered as a node: " + url));
				continue;
			}
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
			if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
				if (declared) {
					warnings.add(new ImportProblem(at,
							"relative or non-HTTP server URL not offered as a node: '" + url + "'"));
				}
				continue;
			}
			String host = uri.getHost();
			if (host.startsWith("[") && host.endsWith("]")) {
				host = host.substring(1, host.length() - 1);
			}
			int port = (uri.getPort() > 0) ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
			nodes.add(new SuggestedNode(scheme, host.toLowerCase(Locale.ROOT), port));
			String basePath = (uri.getRawPath() != null) ? uri.getRawPath().replaceAll("/+$", "") : "";
			if (!basePath.isEmpty()) {
				basePaths.add(basePath);
			}
		}
		for (String basePath : basePaths) {
			warnings.add(new ImportProblem("servers", "the server base path '" + basePath
					+ "' is not part of the routes; set path_prefix when publishing if the gateway should add it"));
		}
		return List.copyOf(nodes);
	}

	private static String labelProblem(String key) {
		if (key.isBlank()) {
			return "a tag used as a label must not be blank";
		}
		if (key.length() > MAX_LABEL_KEY) {
			return "a tag used as a label must be at most " + MAX_LABEL_KEY + " characters";
		}
		if (key.contains(EXPRESSION) || hasControl(key)) {
			return "a tag used as a label must not contain control characters or '#{'";
		}
		return null;
	}

	private static void checkText(String value, String field, List<ImportProblem> errors) {
		if (value.contains(EXPRESSION)) {
			errors.add(new ImportProblem(field, "must not contain '#{'"));
		}
	}

	private static String limited(String value, int max, String field, List<ImportProblem> warnings) {
		if (value.length() <= max) {
			return value;
		}
		warnings.add(new ImportProblem(field, "cut to " + max + " characters"));
		return value.substring(0, max);
	}

	private static boolean hasControl(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
				return true;
			}
		}
		return false;
	}

	private static String text(String value) {
		return (value != null) ? value : "";
	}

	private static String syntaxMessage(JsonProcessingException ex) {
		String original = (ex.getOriginalMessage() != null) ? ex.getOriginalMessage() : "unreadable";
		// SnakeYAML adds indented context lines (" in 'reader', line 3 ...", the source
		// line and a caret): the location is in the field already.
		List<String> lines = new ArrayList<>();
		for (String line : original.split("\n")) {
			if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
				lines.add(line.strip());
			}
		}
		String message = String.join("; ", lines);
		int source = message.indexOf(" at [Source");
		return (source > 0) ? message.substring(0, source) : message;
	}

	private static List<ImportProblem> capped(List<ImportProblem> errors) {
		if (errors.size() <= MAX_ERRORS) {
			return errors;
		}
		List<ImportProblem> capped = new ArrayList<>(errors.subList(0, MAX_ERRORS));
		capped.add(new ImportProblem("$", "and " + (errors.size() - MAX_ERRORS) + " more problem(s)"));
		return capped;
	}

	private static OpenApiImportException problem(String field, String message) {
		return new OpenApiImportException(List.of(new ImportProblem(field, message)));
	}

}

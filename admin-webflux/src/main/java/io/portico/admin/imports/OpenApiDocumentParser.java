package io.portico.admin.imports;

import java.util.ArrayList;
import java.util.List;
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
import io.swagger.parser.util.SwaggerDeserializer;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.converter.SwaggerConverter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.swagger.v3.parser.util.OpenAPIDeserializer;
import org.yaml.snakeyaml.LoaderOptions;

import static io.portico.admin.imports.ImportTexts.capped;
import static io.portico.admin.imports.ImportTexts.problem;

/**
 * Parsing for the import: the document's text (JSON or YAML, duplicate keys refused) into
 * a tree, and the tree into the OpenAPI model (Swagger 2.0 converted), without resolving
 * any reference. Parser problems are sorted into errors and warnings.
 */
final class OpenApiDocumentParser {

	// "attribute <location> is missing" and the like: the parser's errors.
	private static final Pattern PARSER_ERROR = Pattern
		.compile("^attribute (\\S+) (is missing|is not of type .*|is unsupported|is unexpected|is repeated"
				+ "|is reserved by The OpenAPI Initiative)$");

	private static final Pattern OPERATION_LOCATION = Pattern.compile("'([^']*)'\\(([a-z]+)\\)");

	private static final Pattern QUOTED_LOCATION = Pattern.compile("'([^']*)'");

	private final ObjectMapper json;

	private final ObjectMapper yaml;

	OpenApiDocumentParser() {
		this.json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
		LoaderOptions loader = new LoaderOptions();
		loader.setCodePointLimit(OpenApiImporter.MAX_DOCUMENT_CHARS);
		loader.setAllowDuplicateKeys(false);
		this.yaml = YAMLMapper.builder(YAMLFactory.builder().loaderOptions(loader).build())
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build();
	}

	JsonNode tree(String document) {
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

	OpenAPI parse(JsonNode root, List<ImportProblem> warnings) {
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
		boolean openApi31 = openapi != null && openapi.asText().startsWith("3.1");
		if (result.getMessages() != null) {
			for (String message : result.getMessages()) {
				classify(message, openApi31, errors, warnings);
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
	 * are made unique here, and the parser's own warnings). An operation without
	 * {@code responses} is no problem at all in OpenAPI 3.1, where they are optional.
	 */
	private static void classify(String message, boolean openApi31, List<ImportProblem> errors,
			List<ImportProblem> warnings) {
		String text = message.strip();
		Matcher matcher = PARSER_ERROR.matcher(text);
		if (!matcher.matches()) {
			warnings.add(new ImportProblem("$", text));
			return;
		}
		String location = location(matcher.group(1));
		String kind = matcher.group(2);
		if (openApi31 && kind.equals("is missing") && location.startsWith("paths.")
				&& location.endsWith(".responses")) {
			return;
		}
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

}

package io.portico.admin.imports;

import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.audit.Audited;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.portico.admin.web.ApiException;
import io.portico.admin.web.ApiFieldError;
import io.portico.admin.web.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

@RestController
@Tag(name = "Service templates", description = "The Service Hub: editable service drafts, published as versions.")
class OpenApiImportController {

	private static final String EXAMPLE = """
			openapi: 3.0.3
			info:
			  title: petstore
			  version: 1.0.0
			servers:
			  - url: https://petstore3.swagger.io/api/v3
			paths:
			  /pet/{petId}:
			    get:
			      operationId: getPetById
			      summary: Find pet by ID
			      tags: [pet]
			      responses:
			        '200':
			          description: successful operation
			""";

	private final OpenApiImporter importer;

	private final OpenApiImportService service;

	OpenApiImportController(OpenApiImporter importer, OpenApiImportService service) {
		this.importer = importer;
		this.service = service;
	}

	@Permitted(Permission.SERVICE_HUB_WRITE)
	@Audited(action = "import", resource = "service_template", id = "#result?.body?.template()?.id()")
	@PostMapping(path = "/api/services/template/import",
			consumes = { MediaType.APPLICATION_JSON_VALUE, "application/yaml", "application/x-yaml", "text/yaml",
					MediaType.TEXT_PLAIN_VALUE, "application/vnd.oai.openapi", "application/vnd.oai.openapi+json" })
	@Operation(summary = "Import an OpenAPI document",
			description = "Creates a service template from an OpenAPI 3.0/3.1 or Swagger 2.0 document (JSON or YAML):"
					+ " name from `info.title` (or `name`), description from `info.description`, labels from tags, one"
					+ " route per (path, method) named by `operationId` (else method and path, such as"
					+ " `get-pet-petId`), `{param}` matching one segment; server base paths are not prepended."
					+ " When the template exists (`template_id`, or a template with that name) its routes are"
					+ " synchronized to the document instead: added, updated by name, removed; routes already as the"
					+ " document says are not written. One transaction; published versions are never touched."
					+ " An invalid document gets 400 with the parser's messages and their locations.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					description = "The OpenAPI or Swagger document, at most 10 MiB.",
					content = {
							@Content(mediaType = "application/yaml", schema = @Schema(type = "string"),
									examples = @ExampleObject(name = "petstore", value = EXAMPLE)),
							@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
									schema = @Schema(type = "object")) }),
			responses = { @ApiResponse(responseCode = "201", description = "A template was created."),
					@ApiResponse(responseCode = "200", description = "An existing template was synchronized."),
					@ApiResponse(responseCode = "400",
							description = "The document (or a query parameter) is invalid; nothing changed."),
					@ApiResponse(responseCode = "404", description = "`template_id` does not exist."),
					@ApiResponse(responseCode = "409",
							description = "The name or id belongs to another template; nothing changed.") })
	Mono<ResponseEntity<ImportResponse>> importDocument(ServerWebExchange exchange,
			@Parameter(
					description = "Template name instead of `info.title`; also used to find an existing" + " template.",
					example = "petstore") @RequestParam(name = "name", required = false) String name,
			@Parameter(description = "Import into this existing template (its routes are synchronized).",
					example = "petstore") @RequestParam(name = "template_id", required = false) String templateId,
			@Parameter(description = "Id of a new template; a random UUID when absent.",
					example = "petstore") @RequestParam(name = "id", required = false) String id,
			@Parameter(description = "Upstream scheme of a new template, `http` (default) or `https`.",
					example = "https") @RequestParam(name = "upstream_scheme",
							required = false) String upstreamScheme) {
		return Mono.fromRunnable(() -> checkParameters(name, templateId, id))
			.then(body(exchange))
			.publishOn(Schedulers.boundedElastic())
			.map(this.importer::read)
			.onErrorMap(OpenApiImportException.class, OpenApiImportController::badDocument)
			.flatMap((document) -> this.service.importTemplate(document, templateId, name, id, upstreamScheme))
			.map((response) -> ResponseEntity.status(response.created() ? HttpStatus.CREATED : HttpStatus.OK)
				.body(response));
	}

	private static Mono<String> body(ServerWebExchange exchange) {
		MediaType type = exchange.getRequest().getHeaders().getContentType();
		Charset charset = (type != null && type.getCharset() != null) ? type.getCharset() : StandardCharsets.UTF_8;
		// The codecs' default limit (256 KiB) is too small for large API descriptions.
		return DataBufferUtils.join(exchange.getRequest().getBody(), OpenApiImporter.MAX_DOCUMENT_CHARS)
			.map((buffer) -> {
				try {
					return buffer.toString(charset);
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.map((text) -> text.startsWith("\uFEFF") ? text.substring(1) : text)
			.defaultIfEmpty("")
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> new ApiException(HttpStatus.CONTENT_TOO_LARGE,
							"The document is larger than " + OpenApiImporter.MAX_DOCUMENT_CHARS + " bytes",
							List.of(new ApiFieldError("$",
									"must be at most " + OpenApiImporter.MAX_DOCUMENT_CHARS + " bytes"))));
	}

	private static void checkParameters(String name, String templateId, String id) {
		if (templateId != null && id != null) {
			throw ApiException.badRequest("id", "names the id of a new template; leave it out with template_id");
		}
		if (templateId != null && name != null) {
			throw ApiException.badRequest("name",
					"names a new template; leave it out with template_id (rename the template with PUT)");
		}
		if (id != null && !id.matches(Ids.PATTERN)) {
			throw ApiException.badRequest("id", Ids.MESSAGE);
		}
		if (name != null) {
			if (name.isBlank() || name.length() > OpenApiImporter.MAX_NAME) {
				throw ApiException.badRequest("name", "must be 1 to " + OpenApiImporter.MAX_NAME + " characters");
			}
			if (name.contains("#{")) {
				throw ApiException.badRequest("name", "must not contain '#{'");
			}
		}
	}

	private static ApiException badDocument(OpenApiImportException ex) {
		List<ApiFieldError> errors = ex.getProblems()
			.stream()
			.map((problem) -> new ApiFieldError(problem.field(), problem.message()))
			.toList();
		ImportProblem first = ex.getProblems().get(0);
		return new ApiException(HttpStatus.BAD_REQUEST, "The document cannot be imported: " + errors.size()
				+ " problem(s); first at " + first.field() + ": " + first.message(), errors);
	}

}

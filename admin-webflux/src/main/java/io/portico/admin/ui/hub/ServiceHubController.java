package io.portico.admin.ui.hub;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.imports.OpenApiImportException;
import io.portico.admin.imports.OpenApiImportService;
import io.portico.admin.imports.OpenApiImporter;
import io.portico.admin.template.ServiceTemplateResponse;
import io.portico.admin.template.ServiceTemplateService;
import io.portico.admin.template.route.TemplateRouteService;
import io.portico.admin.web.ApiException;
import io.portico.admin.web.PageQuery;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;

/**
 * The Service Hub pages. Reads go through the template services; the pages' forms send
 * their changes to the REST API.
 */
@Controller
class ServiceHubController {

	private static final PageQuery ALL = PageQuery.of(1, PageQuery.MAX_PAGE_SIZE);

	private final ServiceTemplateService templates;

	private final TemplateRouteService routes;

	private final OpenApiImporter importer;

	private final OpenApiImportService imports;

	ServiceHubController(ServiceTemplateService templates, TemplateRouteService routes, OpenApiImporter importer,
			OpenApiImportService imports) {
		this.templates = templates;
		this.routes = routes;
		this.importer = importer;
		this.imports = imports;
	}

	@GetMapping("/ui/services")
	@Permitted(Permission.SERVICE_HUB_READ)
	Mono<String> list(@RequestParam(name = "q", required = false) String query, Model model) {
		String search = (query != null) ? query.strip().toLowerCase(Locale.ROOT) : "";
		model.addAttribute("q", (query != null) ? query : "");
		return this.templates.list(ALL).map((page) -> {
			List<ServiceTemplateResponse> matching = page.list()
				.stream()
				.filter((template) -> search.isEmpty() || matches(template, search))
				.toList();
			model.addAttribute("templates", matching);
			return "ui/hub/list";
		});
	}

	@GetMapping("/ui/services/new")
	@Permitted(Permission.SERVICE_HUB_WRITE)
	Mono<String> add() {
		return Mono.just("ui/hub/new");
	}

	@GetMapping("/ui/services/{id}")
	@Permitted(Permission.SERVICE_HUB_READ)
	Mono<String> detail(@PathVariable("id") String id, Model model) {
		return this.templates.get(id).zipWith(this.routes.list(id, ALL)).map((found) -> {
			model.addAttribute("template", found.getT1());
			model.addAttribute("labelsText",
					String.join(", ",
							found.getT1()
								.labels()
								.entrySet()
								.stream()
								.map((label) -> label.getKey() + ":" + label.getValue())
								.toList()));
			model.addAttribute("routes", found.getT2().list());
			return "ui/hub/detail";
		});
	}

	/**
	 * Shows what importing a document would create or change: the import itself, rolled
	 * back.
	 */
	@PostMapping("/ui/services/import/preview")
	@Permitted(Permission.SERVICE_HUB_WRITE)
	Mono<String> previewImport(ServerWebExchange exchange, Model model) {
		return exchange.getMultipartData().flatMap((form) -> documentText(form).flatMap((text) -> {
			String name = field(form, "name");
			String templateId = field(form, "template_id");
			String scheme = field(form, "upstream_scheme");
			if (text.isBlank()) {
				return Mono.error(ApiException.badRequest("document", "choose a file or paste a document"));
			}
			return Mono.fromCallable(() -> this.importer.read(text))
				.subscribeOn(Schedulers.boundedElastic())
				.onErrorMap(OpenApiImportException.class, (ex) -> ApiException.badRequest("document", ex.getMessage()))
				.flatMap((document) -> this.imports.preview(document, templateId, name, scheme));
		})).map((preview) -> {
			model.addAttribute("preview", preview);
			return "ui/hub/import-preview";
		}).onErrorResume(ApiException.class, (ex) -> {
			exchange.getResponse().setStatusCode(HttpStatus.OK);
			model.addAttribute("problem", ex.getMessage());
			model.addAttribute("errors", ex.getErrors());
			return Mono.just("ui/hub/import-preview");
		});
	}

	private static Mono<String> documentText(MultiValueMap<String, Part> form) {
		Part file = form.getFirst("file");
		if (file instanceof FilePart upload && !upload.filename().isEmpty()) {
			return DataBufferUtils.join(upload.content(), OpenApiImporter.MAX_DOCUMENT_CHARS).map((buffer) -> {
				try {
					return buffer.toString(StandardCharsets.UTF_8);
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			}).defaultIfEmpty("");
		}
		return Mono.just(field(form, "document"));
	}

	private static String field(MultiValueMap<String, Part> form, String name) {
		Part part = form.getFirst(name);
		String value = (part instanceof FormFieldPart field) ? field.value().strip() : null;
		return (value == null || value.isEmpty()) ? ("document".equals(name) ? "" : null) : value;
	}

	private static boolean matches(ServiceTemplateResponse template, String search) {
		return template.name().toLowerCase(Locale.ROOT).contains(search)
				|| template.id().toLowerCase(Locale.ROOT).contains(search)
				|| template.labels()
					.entrySet()
					.stream()
					.anyMatch((label) -> (label.getKey() + ":" + label.getValue()).toLowerCase(Locale.ROOT)
						.contains(search));
	}

}

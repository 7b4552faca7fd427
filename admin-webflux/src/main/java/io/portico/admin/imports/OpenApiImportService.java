package io.portico.admin.imports;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.portico.admin.store.Database;
import io.portico.admin.template.ServiceTemplateRepository;
import io.portico.admin.template.ServiceTemplateRequest;
import io.portico.admin.template.ServiceTemplateResponse;
import io.portico.admin.template.ServiceTemplateRow;
import io.portico.admin.template.ServiceTemplateService;
import io.portico.admin.template.route.TemplateRouteRepository;
import io.portico.admin.template.route.TemplateRouteRow;
import io.portico.admin.web.ApiException;
import io.portico.admin.web.ApiFieldError;
import io.portico.admin.web.Ids;
import io.portico.compiler.model.RouteSpec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Writes an imported document into the Service Hub in one transaction: a new template
 * with its routes, or an existing template's routes synchronized to the document (added,
 * updated by name, removed). Published versions are never touched, and routes already as
 * the document says are not written at all.
 */
@Service
public class OpenApiImportService {

	private final ServiceTemplateService templates;

	private final ServiceTemplateRepository templateRows;

	private final TemplateRouteRepository routes;

	private final Database database;

	private final TransactionalOperator transactions;

	public OpenApiImportService(ServiceTemplateService templates, ServiceTemplateRepository templateRows,
			TemplateRouteRepository routes, Database database, ReactiveTransactionManager transactionManager) {
		this.templates = templates;
		this.templateRows = templateRows;
		this.routes = routes;
		this.database = database;
		this.transactions = TransactionalOperator.create(transactionManager);
	}

	/**
	 * What an import would do, without doing it: the import runs in a transaction that is
	 * rolled back, so the preview is computed by the very code that applies it.
	 * @param document the imported document
	 * @param templateId the template to import into, or {@code null} to find it by name
	 * or create it
	 * @param name the template name instead of the document's title, or {@code null}
	 * @param upstreamScheme the upstream scheme of a new template, or {@code null}
	 * @return what the import would create or change
	 */
	public Mono<ImportResponse> preview(ImportedTemplate document, String templateId, String name,
			String upstreamScheme) {
		return this.transactions.execute((transaction) -> {
			transaction.setRollbackOnly();
			return importTemplate(document, templateId, name, null, upstreamScheme);
		}).next();
	}

	/**
	 * Imports a document.
	 * @param document the imported document
	 * @param templateId the template to import into, or {@code null} to find it by name
	 * or create it
	 * @param name the template name instead of the document's title, or {@code null}
	 * @param id the id of a new template, or {@code null} for a random one
	 * @return what was created or changed
	 */
	@Transactional
	public Mono<ImportResponse> importTemplate(ImportedTemplate document, String templateId, String name, String id,
			String upstreamScheme) {
		if (templateId != null) {
			return this.templates.require(templateId, "template_id").flatMap((template) -> sync(template, document));
		}
		String templateName = (name != null) ? name : document.name();
		return this.templateRows.findByName(templateName).flatMap((existing) -> {
			if (id != null && !id.equals(existing.id())) {
				return Mono.<ImportResponse>error(ApiException.conflict("name",
						"a service template named '" + templateName + "' already exists with id '" + existing.id()
								+ "'; import into it with template_id, or choose another name"));
			}
			return sync(existing, document);
		})
			.switchIfEmpty(Mono
				.defer(() -> create(templateName, id, (upstreamScheme != null) ? upstreamScheme : "http", document)));
	}

	private Mono<ImportResponse> create(String name, String id, String upstreamScheme, ImportedTemplate document) {
		OffsetDateTime now = this.database.now();
		ServiceTemplateRequest request = new ServiceTemplateRequest(id, name, "http", upstreamScheme,
				document.description(), document.labels());
		return this.templates.create(request)
			.flatMap((template) -> insert(template.id(), document.routes(), 0, now)
				.then(this.templates.get(template.id())))
			.map((template) -> response(template, true,
					new RouteChangesResponse(names(document.routes()), List.of(), List.of(), 0), document));
	}

	private Mono<ImportResponse> sync(ServiceTemplateRow template, ImportedTemplate document) {
		String templateId = template.id();
		OffsetDateTime now = this.database.now();
		return this.routes.findAll(templateId).collectList().flatMap((existing) -> {
			Map<String, TemplateRouteRow> byName = new LinkedHashMap<>();
			existing.forEach((row) -> byName.put(row.name(), row));
			Set<String> wanted = new HashSet<>(names(document.routes()));
			// A route whose operation the document still has but no route can express is
			// kept as it is, not removed.
			List<TemplateRouteRow> removed = existing.stream()
				.filter((row) -> !wanted.contains(row.name()) && !document.skipped().contains(row.name()))
				.toList();
			List<TemplateRouteRow> updated = new ArrayList<>();
			List<RouteSpec> added = new ArrayList<>();
			int unchanged = 0;
			for (RouteSpec route : document.routes()) {
				TemplateRouteRow current = byName.get(route.name());
				if (current == null) {
					added.add(route);
				}
				else if (!same(current, route)) {
					updated.add(new TemplateRouteRow(current.id(), templateId, route.name(), route.paths(),
							route.methods(), route.description(), route.labels(), current.position(),
							current.createdAt(), now, current.rowVersion()));
				}
				else {
					unchanged++;
				}
			}
			int next = existing.stream().mapToInt(TemplateRouteRow::position).max().orElse(-1) + 1;
			RouteChangesResponse changes = new RouteChangesResponse(names(added),
					updated.stream().map(TemplateRouteRow::name).toList(),
					removed.stream().map(TemplateRouteRow::name).toList(), unchanged);
			return Flux.fromIterable(removed)
				.concatMap((row) -> this.routes.delete(templateId, row.id()))
				.thenMany(Flux.fromIterable(updated).concatMap(this::update))
				.then(insert(templateId, added, next, now))
				.then(this.templates.get(templateId))
				.map((response) -> response(response, false, changes, document));
		});
	}

	private Mono<Void> update(TemplateRouteRow row) {
		return this.routes.update(row)
			.flatMap((count) -> (count == 1) ? Mono.<Void>empty() : Mono.error(ApiException.conflict("template_id",
					"route '" + row.name() + "' was changed concurrently; retry the import")));
	}

	private Mono<Void> insert(String templateId, List<RouteSpec> routes, int firstPosition, OffsetDateTime now) {
		List<TemplateRouteRow> rows = new ArrayList<>();
		for (int i = 0; i < routes.size(); i++) {
			RouteSpec route = routes.get(i);
			rows.add(new TemplateRouteRow(Ids.orRandom(null), templateId, route.name(), route.paths(), route.methods(),
					route.description(), route.labels(), firstPosition + i, now, now, 0));
		}
		return this.routes.insertAll(rows);
	}

	private static boolean same(TemplateRouteRow row, RouteSpec route) {
		return row.paths().equals(route.paths()) && row.methods().equals(route.methods())
				&& row.description().equals(route.description()) && row.labels().equals(route.labels());
	}

	private static List<String> names(List<RouteSpec> routes) {
		return routes.stream().map(RouteSpec::name).toList();
	}

	private static ImportResponse response(ServiceTemplateResponse template, boolean created,
			RouteChangesResponse changes, ImportedTemplate document) {
		return new ImportResponse(template, created, changes,
				document.suggestedNodes().stream().map(SuggestedNodeResponse::of).toList(),
				document.warnings()
					.stream()
					.map((warning) -> new ApiFieldError(warning.field(), warning.message()))
					.toList());
	}

}

package io.portico.admin.template.route;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.portico.admin.store.Database;
import io.portico.admin.template.ServiceTemplateService;
import io.portico.admin.web.ApiException;
import io.portico.admin.web.ApiFieldError;
import io.portico.admin.web.Ids;
import io.portico.admin.web.Labels;
import io.portico.admin.web.ListResponse;
import io.portico.admin.web.PageQuery;
import io.portico.compiler.FieldError;
import io.portico.compiler.RouteCompiler;
import io.portico.compiler.model.RouteSpec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, edits and deletes the routes of a template, checked with the same rules the
 * gateway applies; every write is one transaction.
 */
@Service
public class TemplateRouteService {

	private final TemplateRouteRepository routes;

	private final ServiceTemplateService templates;

	private final RouteCompiler compiler;

	private final Database database;

	public TemplateRouteService(TemplateRouteRepository routes, ServiceTemplateService templates,
			RouteCompiler compiler, Database database) {
		this.routes = routes;
		this.templates = templates;
		this.compiler = compiler;
		this.database = database;
	}

	/**
	 * All routes of a template as route specs, in order.
	 * @param templateId the template id
	 * @return the routes
	 */
	public Flux<RouteSpec> findSpecs(String templateId) {
		return this.routes.findAll(templateId).map(TemplateRouteRow::toSpec);
	}

	/**
	 * The routes of many templates as route specs, each template's in order (one query
	 * per thousand templates).
	 * @param templateIds the template ids
	 * @return the routes by template id; templates without routes are absent
	 */
	public Mono<Map<String, List<RouteSpec>>> findSpecs(Collection<String> templateIds) {
		return this.routes.findAll(templateIds)
			.collectMultimap(TemplateRouteRow::templateId, TemplateRouteRow::toSpec)
			.map((byTemplate) -> byTemplate.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> List.copyOf(entry.getValue()))));
	}

	/**
	 * Lists the routes of a template.
	 * @param templateId the template id
	 * @param page the page
	 * @return the page of routes
	 */
	@Transactional(readOnly = true)
	public Mono<ListResponse<TemplateRouteResponse>> list(String templateId, PageQuery page) {
		return this.templates.require(templateId, "template_id")
			.thenMany(this.routes.findPage(templateId, page.offset(), page.pageSize()))
			.map(TemplateRouteResponse::of)
			.collectList()
			.zipWith(this.routes.count(templateId), ListResponse::new);
	}

	/**
	 * Reads one route.
	 * @param templateId the template id
	 * @param id the route id
	 * @return the route
	 */
	@Transactional(readOnly = true)
	public Mono<TemplateRouteResponse> get(String templateId, String id) {
		return require(templateId, id).map(TemplateRouteResponse::of);
	}

	/**
	 * Adds a route at the end of a template.
	 * @param templateId the template id
	 * @param request the request
	 * @return the route
	 */
	@Transactional
	public Mono<TemplateRouteResponse> create(String templateId, TemplateRouteRequest request) {
		String id = Ids.orRandom(request.id());
		OffsetDateTime now = this.database.now();
		return this.templates.require(templateId, "template_id")
			.then(Mono.fromCallable(() -> checked(id, request)))
			.flatMap((spec) -> this.routes.existsById(id)
				.flatMap((taken) -> taken
						? Mono.<Integer>error(ApiException.conflict("id", "route id '" + id + "' already exists"))
						: this.routes.nextPosition(templateId))
				.flatMap((position) -> nameFree(templateId, spec.name(), id)
					.then(this.routes.insert(new TemplateRouteRow(id, templateId, spec.name(), spec.paths(),
							spec.methods(), spec.description(), spec.labels(), position, now, now, 0)))))
			.onErrorMap(DuplicateKeyException.class,
					(ex) -> ApiException.conflict("name", "a route with this name or id already exists"))
			.then(get(templateId, id));
	}

	/**
	 * Adds routes to many templates at once (the declarative sync), each route checked as
	 * {@link #create} checks it, appended after the template's routes with multi-row
	 * inserts. Ids are always new random ones.
	 * @param routes the routes to add, by template id; the templates must exist
	 * @param at the field prefix of a template's routes in errors
	 * ({@code services[3].routes})
	 * @return completion; 400 listing every invalid field, 409 naming a name already
	 * taken
	 */
	@Transactional
	public Mono<Void> createAll(Map<String, List<TemplateRouteRequest>> routes, Function<String, String> at) {
		OffsetDateTime now = this.database.now();
		List<RouteSpec> specs = new ArrayList<>();
		List<String> specAt = new ArrayList<>();
		List<String> templateOf = new ArrayList<>();
		List<ApiFieldError> invalid = new ArrayList<>();
		routes.forEach((templateId, requests) -> {
			for (int r = 0; r < requests.size(); r++) {
				String routeAt = at.apply(templateId) + "[" + r + "]";
				try {
					specs.add(checked(Ids.orRandom(null), requests.get(r)));
					specAt.add(routeAt);
					templateOf.add(templateId);
				}
				catch (ApiException ex) {
					invalid.addAll(ApiFieldError.under(routeAt, ex.getErrors()));
				}
			}
		});
		if (!invalid.isEmpty()) {
			return Mono.error(ApiException.badRequest(invalid));
		}
		return this.routes.findAll(routes.keySet()).collectList().flatMap((existing) -> {
			Map<String, Integer> next = new HashMap<>();
			Set<String> taken = new HashSet<>();
			for (TemplateRouteRow row : existing) {
				next.merge(row.templateId(), row.position() + 1, Math::max);
				taken.add(row.templateId() + "\n" + row.name());
			}
			List<TemplateRouteRow> rows = new ArrayList<>();
			for (int i = 0; i < specs.size(); i++) {
				RouteSpec spec = specs.get(i);
				String templateId = templateOf.get(i);
				if (!taken.add(templateId + "\n" + spec.name())) {
					return Mono.error(ApiException.conflict(specAt.get(i) + ".name",
							"a route named '" + spec.name() + "' already exists in this template"));
				}
				int position = next.merge(templateId, 1, Integer::sum) - 1;
				rows.add(new TemplateRouteRow(spec.id(), templateId, spec.name(), spec.paths(), spec.methods(),
						spec.description(), spec.labels(), position, now, now, 0));
			}
			return this.routes.insertAll(rows);
		})
			.onErrorMap(DuplicateKeyException.class,
					(ex) -> ApiException.conflict("name", "a route with this name or id already exists"));
	}

	/**
	 * Replaces a route's fields.
	 * @param templateId the template id
	 * @param id the route id
	 * @param request the request
	 * @return the route
	 */
	@Transactional
	public Mono<TemplateRouteResponse> update(String templateId, String id, TemplateRouteRequest request) {
		if (request.id() != null && !request.id().equals(id)) {
			return Mono.error(ApiException.badRequest("id", "must match the id in the path, or be left out"));
		}
		return require(templateId, id).flatMap((current) -> {
			RouteSpec spec = checked(id, request);
			TemplateRouteRow updated = new TemplateRouteRow(id, templateId, spec.name(), spec.paths(), spec.methods(),
					spec.description(), spec.labels(), current.position(), current.createdAt(), this.database.now(),
					current.rowVersion());
			return nameFree(templateId, spec.name(), id).then(this.routes.update(updated));
		})
			.flatMap((count) -> (count == 1) ? get(templateId, id)
					: Mono.error(ApiException.conflict("id", "the route was changed concurrently; retry")))
			.onErrorMap(DuplicateKeyException.class,
					(ex) -> ApiException.conflict("name", "a route with this name already exists"));
	}

	/**
	 * Deletes a route. Published versions keep their snapshot.
	 * @param templateId the template id
	 * @param id the route id
	 * @return completion
	 */
	@Transactional
	public Mono<Void> delete(String templateId, String id) {
		return require(templateId, id).then(this.routes.delete(templateId, id)).then();
	}

	private Mono<TemplateRouteRow> require(String templateId, String id) {
		return this.templates.require(templateId, "template_id")
			.then(this.routes.findById(templateId, id))
			.switchIfEmpty(Mono.error(() -> ApiException.notFound("route_id", "route", id)));
	}

	private RouteSpec checked(String id, TemplateRouteRequest request) {
		RouteSpec spec = new RouteSpec(id, request.name(), request.paths(), request.methods(), request.description(),
				Labels.checked(request.labels(), "labels"));
		List<FieldError> errors = this.compiler.validateRoute(spec);
		if (!errors.isEmpty()) {
			throw ApiException
				.badRequest(errors.stream().map((error) -> new ApiFieldError(error.field(), error.message())).toList());
		}
		return spec;
	}

	private Mono<Void> nameFree(String templateId, String name, String ownId) {
		return this.routes.findByName(templateId, name)
			.filter((existing) -> !existing.id().equals(ownId))
			.flatMap((existing) -> Mono.<Void>error(
					ApiException.conflict("name", "a route named '" + name + "' already exists in this template")))
			.then();
	}

}

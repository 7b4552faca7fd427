package io.portico.admin.template;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.portico.admin.store.Database;
import io.portico.admin.web.ApiException;
import io.portico.admin.web.ApiFieldError;
import io.portico.admin.web.Ids;
import io.portico.admin.web.Labels;
import io.portico.admin.web.ListResponse;
import io.portico.admin.web.PageQuery;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, edits and deletes service templates; every write is one transaction.
 */
@Service
public class ServiceTemplateService {

	private final ServiceTemplateRepository templates;

	private final Database database;

	public ServiceTemplateService(ServiceTemplateRepository templates, Database database) {
		this.templates = templates;
		this.database = database;
	}

	/**
	 * Finds a template or fails with 404.
	 * @param id the id
	 * @param field the field that named it, for the error
	 * @return the template
	 */
	public Mono<ServiceTemplateRow> require(String id, String field) {
		return this.templates.findById(id)
			.switchIfEmpty(Mono.error(() -> ApiException.notFound(field, "service template", id)));
	}

	/**
	 * The templates with any of these ids, by id (one query per thousand ids).
	 * @param ids the ids
	 * @return the templates found
	 */
	public Mono<Map<String, ServiceTemplateRow>> findAllById(Collection<String> ids) {
		return this.templates.findAllById(ids).collectMap(ServiceTemplateRow::id, Function.identity());
	}

	/**
	 * Lists templates.
	 * @param page the page
	 * @return the page of templates
	 */
	@Transactional(readOnly = true)
	public Mono<ListResponse<ServiceTemplateResponse>> list(PageQuery page) {
		// Rows read to the end before the next query: in a transaction all queries share
		// one connection, and one issued while another's rows still stream waits forever.
		return this.templates.findPage(page.offset(), page.pageSize())
			.collectList()
			.flatMapMany(Flux::fromIterable)
			.concatMap(this::toResponse)
			.collectList()
			.zipWith(this.templates.count(), ListResponse::new);
	}

	/**
	 * Reads one template.
	 * @param id the id
	 * @return the template
	 */
	@Transactional(readOnly = true)
	public Mono<ServiceTemplateResponse> get(String id) {
		return require(id, "id").flatMap(this::toResponse);
	}

	/**
	 * Creates a template.
	 * @param request the request
	 * @return the template
	 */
	@Transactional
	public Mono<ServiceTemplateResponse> create(ServiceTemplateRequest request) {
		ServiceTemplateRow row = newRow(request, this.database.now());
		return this.templates.findById(row.id())
			.flatMap((existing) -> Mono
				.<Void>error(ApiException.conflict("id", "service template id '" + row.id() + "' already exists")))
			.then(nameFree(row.name(), row.id()))
			.then(this.templates.insert(row))
			.onErrorMap(DuplicateKeyException.class,
					(ex) -> ApiException.conflict("name", "a service template with this name or id already exists"))
			.then(get(row.id()));
	}

	/**
	 * Creates many templates at once (the declarative sync), each checked as
	 * {@link #create} checks it, with one multi-row insert.
	 * @param requests the templates
	 * @param at the field prefix of each request in errors, by index
	 * ({@code services[3]})
	 * @return the rows, in order; 400 listing every invalid field, 409 naming the first
	 * id or name taken
	 */
	@Transactional
	public Mono<List<ServiceTemplateRow>> createAll(List<ServiceTemplateRequest> requests, IntFunction<String> at) {
		OffsetDateTime now = this.database.now();
		List<ServiceTemplateRow> rows = new ArrayList<>();
		List<ApiFieldError> invalid = new ArrayList<>();
		for (int i = 0; i < requests.size(); i++) {
			try {
				rows.add(newRow(requests.get(i), now));
			}
			catch (ApiException ex) {
				invalid.addAll(ApiFieldError.under(at.apply(i), ex.getErrors()));
			}
		}
		if (!invalid.isEmpty()) {
			return Mono.error(ApiException.badRequest(invalid));
		}
		List<String> ids = rows.stream().map(ServiceTemplateRow::id).toList();
		List<String> names = rows.stream().map(ServiceTemplateRow::name).toList();
		return this.templates.findAllById(ids)
			.concatWith(this.templates.findAllByName(names))
			.collectList()
			.flatMap((taken) -> {
				Set<String> takenIds = new HashSet<>();
				Set<String> takenNames = new HashSet<>();
				taken.forEach((row) -> {
					takenIds.add(row.id());
					takenNames.add(row.name());
				});
				for (int i = 0; i < rows.size(); i++) {
					ServiceTemplateRow row = rows.get(i);
					if (!takenIds.add(row.id())) {
						return Mono.error(ApiException.conflict(at.apply(i) + ".id",
								"service template id '" + row.id() + "' already exists"));
					}
					if (!takenNames.add(row.name())) {
						return Mono.error(ApiException.conflict(at.apply(i) + ".name",
								"a service template named '" + row.name() + "' already exists"));
					}
				}
				return this.templates.insertAll(rows);
			})
			.onErrorMap(DuplicateKeyException.class,
					(ex) -> ApiException.conflict("name", "a service template with this name or id already exists"))
			.thenReturn(rows);
	}

	private static ServiceTemplateRow newRow(ServiceTemplateRequest request, OffsetDateTime now) {
		return new ServiceTemplateRow(Ids.orRandom(request.id()), request.name(), type(request.type()),
				scheme(request.upstreamScheme()), text(request.description()),
				Labels.checked(request.labels(), "labels"), now, now, 0);
	}

	/**
	 * Replaces a template's fields (not its routes).
	 * @param id the id
	 * @param request the request
	 * @return the template
	 */
	@Transactional
	public Mono<ServiceTemplateResponse> update(String id, ServiceTemplateRequest request) {
		if (request.id() != null && !request.id().equals(id)) {
			return Mono.error(ApiException.badRequest("id", "must match the id in the path, or be left out"));
		}
		String type = type(request.type());
		String scheme = scheme(request.upstreamScheme());
		return require(id, "id").flatMap((current) -> {
			ServiceTemplateRow updated = new ServiceTemplateRow(id, request.name(), type, scheme,
					text(request.description()), Labels.checked(request.labels(), "labels"), current.createdAt(),
					this.database.now(), current.rowVersion());
			return nameFree(updated.name(), id).then(this.templates.update(updated));
		})
			.flatMap((count) -> (count == 1) ? get(id)
					: Mono.error(ApiException.conflict("id", "the service template was changed concurrently; retry")))
			.onErrorMap(DuplicateKeyException.class,
					(ex) -> ApiException.conflict("name", "a service template with this name already exists"));
	}

	/**
	 * Deletes a template and its routes; refused while it is published anywhere.
	 * @param id the id
	 * @return completion
	 */
	@Transactional
	public Mono<Void> delete(String id) {
		return require(id, "id").thenMany(this.templates.findPublishedIn(id)).collectList().flatMap((groups) -> {
			if (!groups.isEmpty()) {
				return Mono.error(ApiException.conflict("id",
						"service template '" + id + "' is published in gateway group(s) "
								+ String.join(", ", groups.stream().map(PublishedIn::gatewayGroupId).toList())
								+ "; unpublish it first"));
			}
			return this.templates.delete(id);
		}).then();
	}

	private Mono<ServiceTemplateResponse> toResponse(ServiceTemplateRow row) {
		return this.templates.findPublishedIn(row.id())
			.collectList()
			.zipWith(this.templates.findLastPublished(row.id()).map(Optional::of).defaultIfEmpty(Optional.empty()))
			.map((tuple) -> new ServiceTemplateResponse(row.id(), row.name(), row.type(), row.upstreamScheme(),
					row.description(), row.labels(), row.createdAt(), row.updatedAt(), tuple.getT2().orElse(null),
					tuple.getT1()));
	}

	private Mono<Void> nameFree(String name, String ownId) {
		return this.templates.findByName(name)
			.filter((existing) -> !existing.id().equals(ownId))
			.flatMap((existing) -> Mono
				.<Void>error(ApiException.conflict("name", "a service template named '" + name + "' already exists")))
			.then();
	}

	private static String type(String type) {
		if (type == null || "http".equals(type)) {
			return "http";
		}
		if ("stream".equals(type)) {
			throw ApiException.badRequest("type", "'stream' services are not supported yet; use 'http'");
		}
		throw ApiException.badRequest("type", "must be 'http'");
	}

	private static String scheme(String scheme) {
		if (scheme == null) {
			return "http";
		}
		if (!"http".equals(scheme) && !"https".equals(scheme)) {
			throw ApiException.badRequest("upstream_scheme", "must be 'http' or 'https'");
		}
		return scheme;
	}

	private static String text(String value) {
		return (value != null) ? value : "";
	}

}

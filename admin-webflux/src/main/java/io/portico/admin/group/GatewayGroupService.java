package io.portico.admin.group;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.portico.admin.config.AdminProperties;
import io.portico.admin.store.Database;
import io.portico.admin.web.ApiException;
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
 * Creates, edits and deletes gateway groups; every write is one transaction.
 */
@Service
public class GatewayGroupService {

	private final GatewayGroupRepository groups;

	private final Database database;

	private final AdminProperties properties;

	private final List<GatewayGroupDeletionListener> deletionListeners;

	public GatewayGroupService(GatewayGroupRepository groups, Database database, AdminProperties properties,
			List<GatewayGroupDeletionListener> deletionListeners) {
		this.groups = groups;
		this.database = database;
		this.properties = properties;
		this.deletionListeners = List.copyOf(deletionListeners);
	}

	/**
	 * Finds a group or fails with 404.
	 * @param id the id
	 * @param field the field that named it, for the error
	 * @return the group
	 */
	public Mono<GatewayGroupRow> require(String id, String field) {
		return this.groups.findById(id)
			.switchIfEmpty(Mono.error(() -> ApiException.notFound(field, "gateway group", id)));
	}

	@Transactional(readOnly = true)
	public Mono<ListResponse<GatewayGroupResponse>> list(PageQuery page) {
		return this.groups.findPage(page.offset(), page.pageSize())
			.map(GatewayGroupResponse::of)
			.collectList()
			.zipWith(this.groups.count(), ListResponse::new);
	}

	/**
	 * One page of the groups a caller may see.
	 * @param page the page
	 * @param visible whether a group id may be shown
	 * @return the page
	 */
	@Transactional(readOnly = true)
	public Mono<ListResponse<GatewayGroupResponse>> list(PageQuery page, Predicate<String> visible) {
		// Groups are few (tens): filter in memory rather than build SQL from role grants.
		return this.groups.findPage(0, Integer.MAX_VALUE)
			.filter((group) -> visible.test(group.id()))
			.map(GatewayGroupResponse::of)
			.collectList()
			.map((all) -> new ListResponse<>(all.stream().skip(page.offset()).limit(page.pageSize()).toList(),
					all.size()));
	}

	@Transactional
	public Mono<GatewayGroupResponse> create(GatewayGroupRequest request) {
		OffsetDateTime now = this.database.now();
		GatewayGroupRow row = new GatewayGroupRow(Ids.orRandom(request.id()), request.name(),
				text(request.description()), labels(request.labels()), 0, now, now, 0);
		Mono<Void> idFree = this.groups.findById(row.id())
			.flatMap((existing) -> Mono
				.error(ApiException.conflict("id", "gateway group id '" + row.id() + "' already exists")))
			.then();
		return idFree.then(nameFree(row.name(), row.id()))
			.then(this.groups.insert(row))
			.onErrorMap(DuplicateKeyException.class,
					(ex) -> ApiException.conflict("name", "a gateway group with this name or id already exists"))
			.then(this.groups.findById(row.id()))
			.map(GatewayGroupResponse::of);
	}

	@Transactional
	public Mono<GatewayGroupResponse> update(String id, GatewayGroupRequest request) {
		if (request.id() != null && !request.id().equals(id)) {
			return Mono.error(ApiException.badRequest("id", "must match the id in the path, or be left out"));
		}
		return require(id, "id").flatMap((current) -> {
			GatewayGroupRow updated = new GatewayGroupRow(id, request.name(), text(request.description()),
					labels(request.labels()), current.configRevision(), current.createdAt(), this.database.now(),
					current.rowVersion());
			return nameFree(updated.name(), id).then(this.groups.update(updated));
		})
			.flatMap((count) -> (count == 1) ? this.groups.findById(id)
					: Mono.error(ApiException.conflict("id", "the gateway group was changed concurrently; retry")))
			.onErrorMap(DuplicateKeyException.class,
					(ex) -> ApiException.conflict("name", "a gateway group with this name already exists"))
			.map(GatewayGroupResponse::of);
	}

	@Transactional
	public Mono<Void> delete(String id) {
		OffsetDateTime connectedSince = this.database.now().minus(this.properties.instances().lostAfter());
		return require(id, "id").then(this.groups.countPublished(id)).flatMap((published) -> {
			if (published > 0) {
				return Mono.error(ApiException.conflict("id", "gateway group '" + id + "' still has " + published
						+ " published service(s); unpublish them first"));
			}
			return this.groups.countConnected(id, connectedSince);
		}).flatMap((connected) -> {
			if (connected > 0) {
				return Mono.error(ApiException.conflict("id",
						"gateway group '" + id + "' has " + connected + " connected gateway instance(s)"));
			}
			return this.groups.delete(id);
		})
			.thenMany(Flux.fromIterable(this.deletionListeners).concatMap((listener) -> listener.groupDeleted(id)))
			.then();
	}

	private Mono<Void> nameFree(String name, String ownId) {
		return this.groups.findByName(name)
			.filter((existing) -> !existing.id().equals(ownId))
			.flatMap((existing) -> Mono
				.<Void>error(ApiException.conflict("name", "a gateway group named '" + name + "' already exists")))
			.then();
	}

	private static String text(String value) {
		return (value != null) ? value : "";
	}

	private static Map<String, String> labels(Map<String, String> labels) {
		return Labels.checked(labels, "labels");
	}

}

package io.portico.admin.template;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.portico.admin.store.Chunks;
import io.portico.admin.store.JsonColumns;
import io.portico.admin.store.MultiRowInsert;
import io.portico.admin.store.MultiRowInsert.Column;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.data.relational.core.query.Criteria;
import org.springframework.data.relational.core.query.Query;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code service_template} through Spring Data ({@link ServiceTemplateEntity}, with
 * {@code row_version} as its optimistic lock), plus where templates are published: those
 * two queries join the published tables and stay SQL.
 */
@Repository
public class ServiceTemplateRepository {

	private final R2dbcEntityTemplate entities;

	private final DatabaseClient db;

	private final JsonColumns json;

	private final MultiRowInsert<ServiceTemplateRow> multiRowInsert;

	public ServiceTemplateRepository(R2dbcEntityTemplate entities, DatabaseClient db, JsonColumns json) {
		this.entities = entities;
		this.db = db;
		this.json = json;
		this.multiRowInsert = MultiRowInsert.into(db, "service_template",
				List.of(new Column<>("id", String.class, ServiceTemplateRow::id),
						new Column<>("name", String.class, ServiceTemplateRow::name),
						new Column<>("type", String.class, ServiceTemplateRow::type),
						new Column<>("upstream_scheme", String.class, ServiceTemplateRow::upstreamScheme),
						new Column<>("description", String.class, ServiceTemplateRow::description),
						new Column<>("labels", String.class, (row) -> json.writeLabels(row.labels())),
						new Column<>("created_at", OffsetDateTime.class, ServiceTemplateRow::createdAt),
						new Column<>("updated_at", OffsetDateTime.class, ServiceTemplateRow::updatedAt),
						new Column<>("row_version", Long.class, (row) -> 0L)));
	}

	/**
	 * Finds a template.
	 * @param id the id
	 * @return the row, or empty
	 */
	public Mono<ServiceTemplateRow> findById(String id) {
		return this.entities.selectOne(Query.query(Criteria.where("id").is(id)), ServiceTemplateEntity.class)
			.map(this::toRow);
	}

	/**
	 * Finds a template by name.
	 * @param name the name
	 * @return the row, or empty
	 */
	public Mono<ServiceTemplateRow> findByName(String name) {
		return this.entities.selectOne(Query.query(Criteria.where("name").is(name)), ServiceTemplateEntity.class)
			.map(this::toRow);
	}

	/**
	 * The templates with any of these ids: one query per thousand ids.
	 * @param ids the ids
	 * @return the rows found
	 */
	public Flux<ServiceTemplateRow> findAllById(Collection<String> ids) {
		return findAllWhere("id", ids);
	}

	/**
	 * The templates with any of these names: one query per thousand names.
	 * @param names the names
	 * @return the rows found
	 */
	public Flux<ServiceTemplateRow> findAllByName(Collection<String> names) {
		return findAllWhere("name", names);
	}

	private Flux<ServiceTemplateRow> findAllWhere(String property, Collection<String> values) {
		return Flux.fromIterable(Chunks.of(values, Chunks.IN_LIST))
			.concatMap((chunk) -> this.entities.select(Query.query(Criteria.where(property).in(chunk)),
					ServiceTemplateEntity.class))
			.map(this::toRow);
	}

	/**
	 * One page of templates, by name.
	 * @param offset rows to skip
	 * @param limit rows to return
	 * @return the rows
	 */
	public Flux<ServiceTemplateRow> findPage(long offset, int limit) {
		return this.entities
			.select(Query.empty().sort(Sort.by("name")).offset(offset).limit(limit), ServiceTemplateEntity.class)
			.map(this::toRow);
	}

	/**
	 * Counts the templates.
	 * @return the count
	 */
	public Mono<Long> count() {
		return this.entities.count(Query.empty(), ServiceTemplateEntity.class);
	}

	/**
	 * Inserts a template.
	 * @param row the row
	 * @return completion
	 */
	public Mono<Void> insert(ServiceTemplateRow row) {
		return this.entities.insert(toEntity(row, null)).then();
	}

	/**
	 * Inserts many templates with multi-row statements (the declarative sync).
	 * @param rows the rows
	 * @return completion
	 */
	public Mono<Void> insertAll(List<ServiceTemplateRow> rows) {
		return this.multiRowInsert.insert(rows);
	}

	/**
	 * Updates a template if it is still at the given version.
	 * @param row the new values and the version read before
	 * @return the number of rows updated: 0 when another write came first
	 */
	public Mono<Long> update(ServiceTemplateRow row) {
		return this.entities.update(toEntity(row, row.rowVersion()))
			.thenReturn(1L)
			.onErrorReturn(OptimisticLockingFailureException.class, 0L);
	}

	/**
	 * Deletes a template; its routes go with it.
	 * @param id the id
	 * @return the number of rows deleted
	 */
	public Mono<Long> delete(String id) {
		return this.entities.delete(Query.query(Criteria.where("id").is(id)), ServiceTemplateEntity.class);
	}

	/**
	 * Where a template is published, with the current version in each group.
	 * @param id the template id
	 * @return one entry per group, by group id
	 */
	public Flux<PublishedIn> findPublishedIn(String id) {
		return this.db
			.sql("select ps.gateway_group_id, pv.version from published_service ps"
					+ " join published_version pv on pv.id = ps.current_version_id"
					+ " where ps.service_id = :id order by ps.gateway_group_id")
			.bind("id", id)
			.map((row) -> new PublishedIn(row.get("gateway_group_id", String.class), row.get("version", String.class)))
			.all();
	}

	/**
	 * The last time any version of a template was published.
	 * @param id the template id
	 * @return the time, or empty if never
	 */
	public Mono<OffsetDateTime> findLastPublished(String id) {
		return this.db.sql("select max(published_at) as last_published from published_version where service_id = :id")
			.bind("id", id)
			.map((row) -> Optional.ofNullable(row.get("last_published", OffsetDateTime.class)))
			.one()
			.flatMap(Mono::justOrEmpty);
	}

	private ServiceTemplateRow toRow(ServiceTemplateEntity row) {
		return new ServiceTemplateRow(row.id(), row.name(), row.type(), row.upstreamScheme(), row.description(),
				this.json.readLabels(row.labels()), row.createdAt(), row.updatedAt(), row.rowVersion());
	}

	private ServiceTemplateEntity toEntity(ServiceTemplateRow row, Long rowVersion) {
		return new ServiceTemplateEntity(row.id(), row.name(), row.type(), row.upstreamScheme(), row.description(),
				this.json.writeLabels(row.labels()), row.createdAt(), row.updatedAt(), rowVersion);
	}

}

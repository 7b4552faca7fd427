package io.portico.admin.template.route;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

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
 * Table {@code template_route} through Spring Data ({@link TemplateRouteEntity}, with
 * {@code row_version} as its optimistic lock); the next position and the bulk inserts
 * ({@link MultiRowInsert}) stay SQL.
 */
@Repository
public class TemplateRouteRepository {

	private static final Sort IN_ORDER = Sort.by("position", "id");

	private final R2dbcEntityTemplate entities;

	private final DatabaseClient db;

	private final JsonColumns json;

	private final MultiRowInsert<TemplateRouteRow> multiRowInsert;

	public TemplateRouteRepository(R2dbcEntityTemplate entities, DatabaseClient db, JsonColumns json) {
		this.entities = entities;
		this.db = db;
		this.json = json;
		this.multiRowInsert = MultiRowInsert.into(db, "template_route",
				List.of(new Column<>("id", String.class, TemplateRouteRow::id),
						new Column<>("template_id", String.class, TemplateRouteRow::templateId),
						new Column<>("name", String.class, TemplateRouteRow::name),
						new Column<>("paths", String.class, (row) -> json.writeStrings(row.paths())),
						new Column<>("methods", String.class, (row) -> json.writeStrings(row.methods())),
						new Column<>("description", String.class, TemplateRouteRow::description),
						new Column<>("labels", String.class, (row) -> json.writeLabels(row.labels())),
						new Column<>("position", Integer.class, TemplateRouteRow::position),
						new Column<>("created_at", OffsetDateTime.class, TemplateRouteRow::createdAt),
						new Column<>("updated_at", OffsetDateTime.class, TemplateRouteRow::updatedAt),
						new Column<>("row_version", Long.class, (row) -> 0L)));
	}

	/**
	 * Finds a route of a template.
	 * @param templateId the template id
	 * @param id the route id
	 * @return the row, or empty
	 */
	public Mono<TemplateRouteRow> findById(String templateId, String id) {
		return this.entities
			.selectOne(Query.query(Criteria.where("templateId").is(templateId).and("id").is(id)),
					TemplateRouteEntity.class)
			.map(this::toRow);
	}

	/**
	 * Whether a route id is taken in any template.
	 * @param id the route id
	 * @return {@code true} when taken
	 */
	public Mono<Boolean> existsById(String id) {
		return this.entities.exists(Query.query(Criteria.where("id").is(id)), TemplateRouteEntity.class);
	}

	/**
	 * Finds a route of a template by name.
	 * @param templateId the template id
	 * @param name the route name
	 * @return the row, or empty
	 */
	public Mono<TemplateRouteRow> findByName(String templateId, String name) {
		return this.entities
			.selectOne(Query.query(Criteria.where("templateId").is(templateId).and("name").is(name)),
					TemplateRouteEntity.class)
			.map(this::toRow);
	}

	/**
	 * All routes of a template, in order.
	 * @param templateId the template id
	 * @return the rows
	 */
	public Flux<TemplateRouteRow> findAll(String templateId) {
		return this.entities
			.select(Query.query(Criteria.where("templateId").is(templateId)).sort(IN_ORDER), TemplateRouteEntity.class)
			.map(this::toRow);
	}

	/**
	 * All routes of many templates, each template's in order: one query per thousand
	 * templates instead of one per template.
	 * @param templateIds the template ids
	 * @return the rows
	 */
	public Flux<TemplateRouteRow> findAll(Collection<String> templateIds) {
		return Flux.fromIterable(Chunks.of(templateIds, Chunks.IN_LIST))
			.concatMap((chunk) -> this.entities.select(
					Query.query(Criteria.where("templateId").in(chunk)).sort(Sort.by("templateId").and(IN_ORDER)),
					TemplateRouteEntity.class))
			.map(this::toRow);
	}

	/**
	 * One page of the routes of a template, in order.
	 * @param templateId the template id
	 * @param offset rows to skip
	 * @param limit rows to return
	 * @return the rows
	 */
	public Flux<TemplateRouteRow> findPage(String templateId, long offset, int limit) {
		return this.entities
			.select(Query.query(Criteria.where("templateId").is(templateId)).sort(IN_ORDER).offset(offset).limit(limit),
					TemplateRouteEntity.class)
			.map(this::toRow);
	}

	/**
	 * Counts the routes of a template.
	 * @param templateId the template id
	 * @return the count
	 */
	public Mono<Long> count(String templateId) {
		return this.entities.count(Query.query(Criteria.where("templateId").is(templateId)), TemplateRouteEntity.class);
	}

	/**
	 * The next free position in a template.
	 * @param templateId the template id
	 * @return one more than the highest position, 0 for the first route
	 */
	public Mono<Integer> nextPosition(String templateId) {
		// SQL: an aggregate, which Spring Data's query API does not express.
		return this.db
			.sql("select coalesce(max(position), -1) + 1 as next_position from template_route"
					+ " where template_id = :templateId")
			.bind("templateId", templateId)
			.map((row) -> ((Number) row.get("next_position")).intValue())
			.one();
	}

	/**
	 * Inserts a route.
	 * @param row the row
	 * @return completion
	 */
	public Mono<Void> insert(TemplateRouteRow row) {
		return this.entities.insert(toEntity(row, null)).then();
	}

	/**
	 * Inserts many routes with multi-row statements, for imports and the declarative
	 * sync: far fewer round trips than one {@link #insert(TemplateRouteRow)} per route.
	 * @param rows the rows
	 * @return completion
	 */
	public Mono<Void> insertAll(List<TemplateRouteRow> rows) {
		return this.multiRowInsert.insert(rows);
	}

	/**
	 * Updates a route if it is still at the given version.
	 * @param row the new values and the version read before
	 * @return the number of rows updated: 0 when another write came first
	 */
	public Mono<Long> update(TemplateRouteRow row) {
		return this.entities.update(toEntity(row, row.rowVersion()))
			.thenReturn(1L)
			.onErrorReturn(OptimisticLockingFailureException.class, 0L);
	}

	/**
	 * Deletes a route.
	 * @param templateId the template id
	 * @param id the route id
	 * @return the number of rows deleted
	 */
	public Mono<Long> delete(String templateId, String id) {
		return this.entities.delete(Query.query(Criteria.where("templateId").is(templateId).and("id").is(id)),
				TemplateRouteEntity.class);
	}

	private TemplateRouteRow toRow(TemplateRouteEntity row) {
		return new TemplateRouteRow(row.id(), row.templateId(), row.name(), this.json.readStrings(row.paths()),
				this.json.readStrings(row.methods()), row.description(), this.json.readLabels(row.labels()),
				row.position(), row.createdAt(), row.updatedAt(), row.rowVersion());
	}

	private TemplateRouteEntity toEntity(TemplateRouteRow row, Long rowVersion) {
		return new TemplateRouteEntity(row.id(), row.templateId(), row.name(), this.json.writeStrings(row.paths()),
				this.json.writeStrings(row.methods()), row.description(), this.json.writeLabels(row.labels()),
				row.position(), row.createdAt(), row.updatedAt(), rowVersion);
	}

}

package io.portico.admin.template.route;

import java.util.ArrayList;
import java.util.List;

import io.portico.admin.store.JsonColumns;
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
 * {@code row_version} as its optimistic lock); the next position and the imports'
 * multi-row inserts stay SQL.
 */
@Repository
public class TemplateRouteRepository {

	private static final int INSERT_CHUNK = 100;

	private static final Sort IN_ORDER = Sort.by("position", "id");

	private final R2dbcEntityTemplate entities;

	private final DatabaseClient db;

	private final JsonColumns json;

	public TemplateRouteRepository(R2dbcEntityTemplate entities, DatabaseClient db, JsonColumns json) {
		this.entities = entities;
		this.db = db;
		this.json = json;
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
	 * Inserts many routes with multi-row statements (100 rows each), for imports: far
	 * fewer round trips than one {@link #insert(TemplateRouteRow)} per route.
	 * @param rows the rows
	 * @return completion
	 */
	public Mono<Void> insertAll(List<TemplateRouteRow> rows) {
		List<List<TemplateRouteRow>> chunks = new ArrayList<>();
		for (int from = 0; from < rows.size(); from += INSERT_CHUNK) {
			chunks.add(rows.subList(from, Math.min(rows.size(), from + INSERT_CHUNK)));
		}
		return Flux.fromIterable(chunks).concatMap(this::insertChunk).then();
	}

	// SQL: one multi-row insert per chunk; Spring Data would insert row by row.
	private Mono<Void> insertChunk(List<TemplateRouteRow> rows) {
		StringBuilder sql = new StringBuilder("insert into template_route (id, template_id, name, paths, methods,"
				+ " description, labels, position, created_at, updated_at, row_version) values ");
		for (int i = 0; i < rows.size(); i++) {
			sql.append((i > 0) ? ", " : "")
				.append("(:id")
				.append(i)
				.append(", :templateId")
				.append(i)
				.append(", :name")
				.append(i)
				.append(", :paths")
				.append(i)
				.append(", :methods")
				.append(i)
				.append(", :description")
				.append(i)
				.append(", :labels")
				.append(i)
				.append(", :position")
				.append(i)
				.append(", :createdAt")
				.append(i)
				.append(", :updatedAt")
				.append(i)
				.append(", 0)");
		}
		DatabaseClient.GenericExecuteSpec spec = this.db.sql(sql.toString());
		for (int i = 0; i < rows.size(); i++) {
			TemplateRouteRow row = rows.get(i);
			spec = spec.bind("id" + i, row.id())
				.bind("templateId" + i, row.templateId())
				.bind("name" + i, row.name())
				.bind("paths" + i, this.json.writeStrings(row.paths()))
				.bind("methods" + i, this.json.writeStrings(row.methods()))
				.bind("description" + i, row.description())
				.bind("labels" + i, this.json.writeLabels(row.labels()))
				.bind("position" + i, row.position())
				.bind("createdAt" + i, row.createdAt())
				.bind("updatedAt" + i, row.updatedAt());
		}
		return spec.then();
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

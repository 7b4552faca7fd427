package io.portico.admin.template.route;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.portico.admin.store.JsonColumns;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code template_route}.
 */
@Repository
public class TemplateRouteRepository {

	private static final int INSERT_CHUNK = 100;

	private static final String COLUMNS = "id, template_id, name, paths, methods, description, labels, position,"
			+ " created_at, updated_at, row_version";

	private final DatabaseClient db;

	private final JsonColumns json;

	/**
	 * Creates the repository.
	 * @param db the database client
	 * @param json the JSON column codec
	 */
	public TemplateRouteRepository(DatabaseClient db, JsonColumns json) {
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
		return this.db.sql("select " + COLUMNS + " from template_route where template_id = :templateId and id = :id")
			.bind("templateId", templateId)
			.bind("id", id)
			.map(this::toRow)
			.one();
	}

	/**
	 * Whether a route id is taken in any template.
	 * @param id the route id
	 * @return {@code true} when taken
	 */
	public Mono<Boolean> existsById(String id) {
		return this.db.sql("select count(*) from template_route where id = :id")
			.bind("id", id)
			.map((row) -> row.get(0, Long.class) > 0)
			.one();
	}

	/**
	 * Finds a route of a template by name.
	 * @param templateId the template id
	 * @param name the route name
	 * @return the row, or empty
	 */
	public Mono<TemplateRouteRow> findByName(String templateId, String name) {
		return this.db
			.sql("select " + COLUMNS + " from template_route where template_id = :templateId and name = :name")
			.bind("templateId", templateId)
			.bind("name", name)
			.map(this::toRow)
			.one();
	}

	/**
	 * All routes of a template, in order.
	 * @param templateId the template id
	 * @return the rows
	 */
	public Flux<TemplateRouteRow> findAll(String templateId) {
		return this.db
			.sql("select " + COLUMNS + " from template_route where template_id = :templateId order by position, id")
			.bind("templateId", templateId)
			.map(this::toRow)
			.all();
	}

	/**
	 * One page of the routes of a template, in order.
	 * @param templateId the template id
	 * @param offset rows to skip
	 * @param limit rows to return
	 * @return the rows
	 */
	public Flux<TemplateRouteRow> findPage(String templateId, long offset, int limit) {
		return this.db
			.sql("select " + COLUMNS + " from template_route where template_id = :templateId"
					+ " order by position, id limit :limit offset :offset")
			.bind("templateId", templateId)
			.bind("limit", limit)
			.bind("offset", offset)
			.map(this::toRow)
			.all();
	}

	/**
	 * Counts the routes of a template.
	 * @param templateId the template id
	 * @return the count
	 */
	public Mono<Long> count(String templateId) {
		return this.db.sql("select count(*) from template_route where template_id = :templateId")
			.bind("templateId", templateId)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	/**
	 * The next free position in a template.
	 * @param templateId the template id
	 * @return one more than the highest position, 0 for the first route
	 */
	public Mono<Integer> nextPosition(String templateId) {
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
		return this.db
			.sql("insert into template_route (id, template_id, name, paths, methods, description, labels, position,"
					+ " created_at, updated_at, row_version) values (:id, :templateId, :name, :paths, :methods,"
					+ " :description, :labels, :position, :createdAt, :updatedAt, 0)")
			.bind("id", row.id())
			.bind("templateId", row.templateId())
			.bind("name", row.name())
			.bind("paths", this.json.writeStrings(row.paths()))
			.bind("methods", this.json.writeStrings(row.methods()))
			.bind("description", row.description())
			.bind("labels", this.json.writeLabels(row.labels()))
			.bind("position", row.position())
			.bind("createdAt", row.createdAt())
			.bind("updatedAt", row.updatedAt())
			.then();
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
		return this.db
			.sql("update template_route set name = :name, paths = :paths, methods = :methods,"
					+ " description = :description, labels = :labels, updated_at = :updatedAt,"
					+ " row_version = row_version + 1"
					+ " where template_id = :templateId and id = :id and row_version = :rowVersion")
			.bind("id", row.id())
			.bind("templateId", row.templateId())
			.bind("name", row.name())
			.bind("paths", this.json.writeStrings(row.paths()))
			.bind("methods", this.json.writeStrings(row.methods()))
			.bind("description", row.description())
			.bind("labels", this.json.writeLabels(row.labels()))
			.bind("updatedAt", row.updatedAt())
			.bind("rowVersion", row.rowVersion())
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Deletes a route.
	 * @param templateId the template id
	 * @param id the route id
	 * @return the number of rows deleted
	 */
	public Mono<Long> delete(String templateId, String id) {
		return this.db.sql("delete from template_route where template_id = :templateId and id = :id")
			.bind("templateId", templateId)
			.bind("id", id)
			.fetch()
			.rowsUpdated();
	}

	private TemplateRouteRow toRow(Readable row) {
		return new TemplateRouteRow(row.get("id", String.class), row.get("template_id", String.class),
				row.get("name", String.class), this.json.readStrings(row.get("paths", String.class)),
				this.json.readStrings(row.get("methods", String.class)), row.get("description", String.class),
				this.json.readLabels(row.get("labels", String.class)), row.get("position", Integer.class),
				row.get("created_at", OffsetDateTime.class), row.get("updated_at", OffsetDateTime.class),
				row.get("row_version", Long.class));
	}

}

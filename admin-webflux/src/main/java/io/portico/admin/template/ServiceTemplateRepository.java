package io.portico.admin.template;

import java.time.OffsetDateTime;
import java.util.Optional;

import io.portico.admin.store.JsonColumns;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code service_template}, plus where templates are published.
 */
@Repository
public class ServiceTemplateRepository {

	private static final String COLUMNS = "id, name, type, upstream_scheme, description, labels, created_at, updated_at, row_version";

	private final DatabaseClient db;

	private final JsonColumns json;

	/**
	 * Creates the repository.
	 * @param db the database client
	 * @param json the JSON column codec
	 */
	public ServiceTemplateRepository(DatabaseClient db, JsonColumns json) {
		this.db = db;
		this.json = json;
	}

	/**
	 * Finds a template.
	 * @param id the id
	 * @return the row, or empty
	 */
	public Mono<ServiceTemplateRow> findById(String id) {
		return this.db.sql("select " + COLUMNS + " from service_template where id = :id")
			.bind("id", id)
			.map(this::toRow)
			.one();
	}

	/**
	 * Finds a template by name.
	 * @param name the name
	 * @return the row, or empty
	 */
	public Mono<ServiceTemplateRow> findByName(String name) {
		return this.db.sql("select " + COLUMNS + " from service_template where name = :name")
			.bind("name", name)
			.map(this::toRow)
			.one();
	}

	/**
	 * One page of templates, by name.
	 * @param offset rows to skip
	 * @param limit rows to return
	 * @return the rows
	 */
	public Flux<ServiceTemplateRow> findPage(long offset, int limit) {
		return this.db.sql("select " + COLUMNS + " from service_template order by name limit :limit offset :offset")
			.bind("limit", limit)
			.bind("offset", offset)
			.map(this::toRow)
			.all();
	}

	/**
	 * Counts the templates.
	 * @return the count
	 */
	public Mono<Long> count() {
		return this.db.sql("select count(*) from service_template").map((row) -> row.get(0, Long.class)).one();
	}

	/**
	 * Inserts a template.
	 * @param row the row
	 * @return completion
	 */
	public Mono<Void> insert(ServiceTemplateRow row) {
		return this.db
			.sql("insert into service_template (id, name, type, upstream_scheme, description, labels, created_at,"
					+ " updated_at, row_version) values (:id, :name, :type, :scheme, :description, :labels, :createdAt,"
					+ " :updatedAt, 0)")
			.bind("id", row.id())
			.bind("name", row.name())
			.bind("type", row.type())
			.bind("scheme", row.upstreamScheme())
			.bind("description", row.description())
			.bind("labels", this.json.writeLabels(row.labels()))
			.bind("createdAt", row.createdAt())
			.bind("updatedAt", row.updatedAt())
			.then();
	}

	/**
	 * Updates a template if it is still at the given version.
	 * @param row the new values and the version read before
	 * @return the number of rows updated: 0 when another write came first
	 */
	public Mono<Long> update(ServiceTemplateRow row) {
		return this.db
			.sql("update service_template set name = :name, type = :type, upstream_scheme = :scheme,"
					+ " description = :description, labels = :labels, updated_at = :updatedAt,"
					+ " row_version = row_version + 1 where id = :id and row_version = :rowVersion")
			.bind("id", row.id())
			.bind("name", row.name())
			.bind("type", row.type())
			.bind("scheme", row.upstreamScheme())
			.bind("description", row.description())
			.bind("labels", this.json.writeLabels(row.labels()))
			.bind("updatedAt", row.updatedAt())
			.bind("rowVersion", row.rowVersion())
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Deletes a template; its routes go with it.
	 * @param id the id
	 * @return the number of rows deleted
	 */
	public Mono<Long> delete(String id) {
		return this.db.sql("delete from service_template where id = :id").bind("id", id).fetch().rowsUpdated();
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

	private ServiceTemplateRow toRow(Readable row) {
		return new ServiceTemplateRow(row.get("id", String.class), row.get("name", String.class),
				row.get("type", String.class), row.get("upstream_scheme", String.class),
				row.get("description", String.class), this.json.readLabels(row.get("labels", String.class)),
				row.get("created_at", OffsetDateTime.class), row.get("updated_at", OffsetDateTime.class),
				row.get("row_version", Long.class));
	}

}

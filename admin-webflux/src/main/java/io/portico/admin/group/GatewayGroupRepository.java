package io.portico.admin.group;

import java.time.OffsetDateTime;

import io.portico.admin.store.JsonColumns;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code gateway_group}.
 */
@Repository
public class GatewayGroupRepository {

	private static final String COLUMNS = "id, name, description, labels, config_revision, created_at, updated_at, row_version";

	private final DatabaseClient db;

	private final JsonColumns json;

	/**
	 * Creates the repository.
	 * @param db the database client
	 * @param json the JSON column codec
	 */
	public GatewayGroupRepository(DatabaseClient db, JsonColumns json) {
		this.db = db;
		this.json = json;
	}

	/**
	 * Finds a group.
	 * @param id the id
	 * @return the row, or empty
	 */
	public Mono<GatewayGroupRow> findById(String id) {
		return this.db.sql("select " + COLUMNS + " from gateway_group where id = :id")
			.bind("id", id)
			.map(this::toRow)
			.one();
	}

	/**
	 * Finds a group by name.
	 * @param name the name
	 * @return the row, or empty
	 */
	public Mono<GatewayGroupRow> findByName(String name) {
		return this.db.sql("select " + COLUMNS + " from gateway_group where name = :name")
			.bind("name", name)
			.map(this::toRow)
			.one();
	}

	/**
	 * One page of groups, by name.
	 * @param offset rows to skip
	 * @param limit rows to return
	 * @return the rows
	 */
	public Flux<GatewayGroupRow> findPage(long offset, int limit) {
		return this.db.sql("select " + COLUMNS + " from gateway_group order by name limit :limit offset :offset")
			.bind("limit", limit)
			.bind("offset", offset)
			.map(this::toRow)
			.all();
	}

	/**
	 * Counts the groups.
	 * @return the count
	 */
	public Mono<Long> count() {
		return this.db.sql("select count(*) from gateway_group").map((row) -> row.get(0, Long.class)).one();
	}

	/**
	 * Inserts a group with revision 0.
	 * @param row the row
	 * @return completion
	 */
	public Mono<Void> insert(GatewayGroupRow row) {
		return this.db
			.sql("insert into gateway_group (id, name, description, labels, config_revision, created_at, updated_at,"
					+ " row_version) values (:id, :name, :description, :labels, 0, :createdAt, :updatedAt, 0)")
			.bind("id", row.id())
			.bind("name", row.name())
			.bind("description", row.description())
			.bind("labels", this.json.writeLabels(row.labels()))
			.bind("createdAt", row.createdAt())
			.bind("updatedAt", row.updatedAt())
			.then();
	}

	/**
	 * Updates name, description and labels if the row is still at the given version.
	 * @param row the new values and the version read before
	 * @return the number of rows updated: 0 when another write came first
	 */
	public Mono<Long> update(GatewayGroupRow row) {
		return this.db.sql("update gateway_group set name = :name, description = :description, labels = :labels,"
				+ " updated_at = :updatedAt, row_version = row_version + 1 where id = :id and row_version = :rowVersion")
			.bind("id", row.id())
			.bind("name", row.name())
			.bind("description", row.description())
			.bind("labels", this.json.writeLabels(row.labels()))
			.bind("updatedAt", row.updatedAt())
			.bind("rowVersion", row.rowVersion())
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Deletes a group, its (unpublished) version history and its registry connections.
	 * @param id the id
	 * @return the number of groups deleted
	 */
	public Mono<Long> delete(String id) {
		return this.db.sql("delete from published_version where gateway_group_id = :id")
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			// Check history goes with its connection (on delete cascade).
			.then(this.db.sql("delete from service_registry where gateway_group_id = :id")
				.bind("id", id)
				.fetch()
				.rowsUpdated())
			.then(this.db.sql("delete from gateway_group where id = :id").bind("id", id).fetch().rowsUpdated());
	}

	/**
	 * Counts the services currently published in a group.
	 * @param id the group id
	 * @return the count
	 */
	public Mono<Long> countPublished(String id) {
		return this.db.sql("select count(*) from published_service where gateway_group_id = :id")
			.bind("id", id)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	/**
	 * Counts the instances of a group whose last heartbeat is after a time.
	 * @param id the group id
	 * @param since the oldest heartbeat that counts as connected
	 * @return the count
	 */
	public Mono<Long> countConnected(String id, OffsetDateTime since) {
		return this.db
			.sql("select count(*) from gateway_instance where gateway_group_id = :id and last_heartbeat_at > :since")
			.bind("id", id)
			.bind("since", since)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	private GatewayGroupRow toRow(Readable row) {
		return new GatewayGroupRow(row.get("id", String.class), row.get("name", String.class),
				row.get("description", String.class), this.json.readLabels(row.get("labels", String.class)),
				row.get("config_revision", Long.class), row.get("created_at", OffsetDateTime.class),
				row.get("updated_at", OffsetDateTime.class), row.get("row_version", Long.class));
	}

}

package io.portico.admin.group;

import java.time.OffsetDateTime;

import io.portico.admin.store.JsonColumns;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.data.relational.core.query.Criteria;
import org.springframework.data.relational.core.query.Query;
import org.springframework.data.relational.core.query.Update;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code gateway_group} through Spring Data ({@link GatewayGroupEntity}); deleting
 * a group and counting what uses it span other tables and stay SQL.
 */
@Repository
public class GatewayGroupRepository {

	private final R2dbcEntityTemplate entities;

	private final DatabaseClient db;

	private final JsonColumns json;

	public GatewayGroupRepository(R2dbcEntityTemplate entities, DatabaseClient db, JsonColumns json) {
		this.entities = entities;
		this.db = db;
		this.json = json;
	}

	/**
	 * Finds a group.
	 * @param id the id
	 * @return the row, or empty
	 */
	public Mono<GatewayGroupRow> findById(String id) {
		return this.entities.selectOne(Query.query(Criteria.where("id").is(id)), GatewayGroupEntity.class)
			.map(this::toRow);
	}

	/**
	 * Finds a group by name.
	 * @param name the name
	 * @return the row, or empty
	 */
	public Mono<GatewayGroupRow> findByName(String name) {
		return this.entities.selectOne(Query.query(Criteria.where("name").is(name)), GatewayGroupEntity.class)
			.map(this::toRow);
	}

	/**
	 * One page of groups, by name.
	 * @param offset rows to skip
	 * @param limit rows to return
	 * @return the rows
	 */
	public Flux<GatewayGroupRow> findPage(long offset, int limit) {
		return this.entities
			.select(Query.empty().sort(Sort.by("name")).offset(offset).limit(limit), GatewayGroupEntity.class)
			.map(this::toRow);
	}

	/**
	 * Counts the groups.
	 * @return the count
	 */
	public Mono<Long> count() {
		return this.entities.count(Query.empty(), GatewayGroupEntity.class);
	}

	/**
	 * Inserts a group with revision 0.
	 * @param row the row
	 * @return completion
	 */
	public Mono<Void> insert(GatewayGroupRow row) {
		return this.entities
			.insert(new GatewayGroupEntity(row.id(), row.name(), row.description(), this.json.writeLabels(row.labels()),
					0, row.createdAt(), row.updatedAt(), 0))
			.then();
	}

	/**
	 * Updates name, description and labels if the row is still at the given version. Only
	 * these columns: {@code config_revision} moves with publishes at the same time.
	 * @param row the new values and the version read before
	 * @return the number of rows updated: 0 when another write came first
	 */
	public Mono<Long> update(GatewayGroupRow row) {
		return this.entities.update(
				Query.query(Criteria.where("id").is(row.id()).and("rowVersion").is(row.rowVersion())),
				Update.update("name", row.name())
					.set("description", row.description())
					.set("labels", this.json.writeLabels(row.labels()))
					.set("updatedAt", row.updatedAt())
					.set("rowVersion", row.rowVersion() + 1),
				GatewayGroupEntity.class);
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

	private GatewayGroupRow toRow(GatewayGroupEntity entity) {
		return new GatewayGroupRow(entity.id(), entity.name(), entity.description(),
				this.json.readLabels(entity.labels()), entity.configRevision(), entity.createdAt(), entity.updatedAt(),
				entity.rowVersion());
	}

}

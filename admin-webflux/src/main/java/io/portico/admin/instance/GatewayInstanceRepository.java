package io.portico.admin.instance;

import java.time.OffsetDateTime;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Reads table {@code gateway_instance}; only gateways write it.
 */
@Repository
public class GatewayInstanceRepository {

	private final DatabaseClient db;

	public GatewayInstanceRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * One page of the instances of a group, most recent heartbeat first.
	 * @param groupId the group id
	 * @param offset rows to skip
	 * @param limit rows to return
	 * @return the rows
	 */
	public Flux<GatewayInstanceRow> findPage(String groupId, long offset, int limit) {
		return this.db
			.sql("select id, gateway_group_id, hostname, address, software_version, config_revision, config_status,"
					+ " config_errors, discovery, started_at, last_heartbeat_at from gateway_instance"
					+ " where gateway_group_id = :groupId order by last_heartbeat_at desc, id limit :limit offset :offset")
			.bind("groupId", groupId)
			.bind("limit", limit)
			.bind("offset", offset)
			.map(GatewayInstanceRepository::toRow)
			.all();
	}

	/**
	 * Counts the instances of a group.
	 * @param groupId the group id
	 * @return the count
	 */
	public Mono<Long> count(String groupId) {
		return this.db.sql("select count(*) from gateway_instance where gateway_group_id = :groupId")
			.bind("groupId", groupId)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	private static GatewayInstanceRow toRow(Readable row) {
		return new GatewayInstanceRow(row.get("id", String.class), row.get("gateway_group_id", String.class),
				row.get("hostname", String.class), row.get("address", String.class),
				row.get("software_version", String.class), row.get("config_revision", Long.class),
				row.get("config_status", String.class), row.get("config_errors", String.class),
				row.get("discovery", String.class), row.get("started_at", OffsetDateTime.class),
				row.get("last_heartbeat_at", OffsetDateTime.class));
	}

}

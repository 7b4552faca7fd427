package io.portico.admin.group;

import io.portico.admin.store.Database;
import io.portico.admin.web.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The one place where a change to what a group serves becomes visible to its gateways:
 * bumps the group's {@code config_revision} and, on PostgreSQL, sends
 * {@code NOTIFY portico_config, '<group id>'}. Call it inside the transaction of the
 * change, once per group: the notification is delivered on commit, and dropped with a
 * rollback.
 *
 * <p>
 * Example: <pre>
 * writeVersions.then(revisions.bump(groupId)).as(transactionalOperator::transactional)
 * </pre>
 */
@Component
public class GatewayGroupRevisions {

	/** The PostgreSQL notification channel the gateways listen on. */
	public static final String CHANNEL = "portico_config";

	private final DatabaseClient db;

	private final Database database;

	public GatewayGroupRevisions(DatabaseClient db, Database database) {
		this.db = db;
		this.database = database;
	}

	/**
	 * Bumps the revision of a group and notifies its gateways.
	 * @param groupId the group id
	 * @return the new revision
	 */
	public Mono<Long> bump(String groupId) {
		Mono<Long> bumped = this.db.sql("update gateway_group set config_revision = config_revision + 1 where id = :id")
			.bind("id", groupId)
			.fetch()
			.rowsUpdated()
			.flatMap((count) -> (count == 1) ? Mono.just(count)
					: Mono.error(ApiException.notFound("gateway_group_id", "gateway group", groupId)))
			.then(this.db.sql("select config_revision from gateway_group where id = :id")
				.bind("id", groupId)
				.map((row) -> row.get(0, Long.class))
				.one());
		if (!this.database.isPostgres()) {
			return bumped;
		}
		return bumped.flatMap((revision) -> this.db.sql("select pg_notify(:channel, :payload)")
			.bind("channel", CHANNEL)
			.bind("payload", groupId)
			.fetch()
			.all()
			.then(Mono.just(revision)));
	}

}

package io.portico.admin.audit;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/**
 * Table {@code audit_log}.
 */
@Repository
public class AuditLogRepository {

	private static final String COLUMNS = "id, occurred_at, user_id, username, token_id, source_ip, action,"
			+ " resource_type, resource_id, gateway_group_id, outcome, status, summary, detail";

	private final DatabaseClient db;

	public AuditLogRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Inserts a row, in the caller's transaction if there is one.
	 * @param row the row
	 * @return completion
	 */
	public Mono<Void> insert(AuditLogRow row) {
		GenericExecuteSpec spec = this.db.sql("insert into audit_log (" + COLUMNS + ") values (:id, :occurredAt,"
				+ " :userId, :username, :tokenId, :sourceIp, :action, :resourceType, :resourceId, :groupId, :outcome,"
				+ " :status, :summary, :detail)")
			.bind("id", row.id())
			.bind("occurredAt", row.occurredAt())
			.bind("action", row.action())
			.bind("resourceType", row.resourceType())
			.bind("outcome", row.outcome())
			.bind("status", row.status())
			.bind("summary", row.summary())
			.bind("detail", row.detail());
		spec = nullable(spec, "userId", row.userId());
		spec = nullable(spec, "username", row.username());
		spec = nullable(spec, "tokenId", row.tokenId());
		spec = nullable(spec, "sourceIp", row.sourceIp());
		spec = nullable(spec, "resourceId", row.resourceId());
		spec = nullable(spec, "groupId", row.gatewayGroupId());
		return spec.then();
	}

	/**
	 * One page of rows matching the filters, newest first.
	 * @param query the filters
	 * @param offset rows to skip
	 * @param limit rows to return
	 * @return the rows
	 */
	public Flux<AuditLogRow> find(AuditQuery query, long offset, int limit) {
		Map<String, Object> binds = new LinkedHashMap<>();
		String where = where(query, binds);
		GenericExecuteSpec spec = this.db.sql("select " + COLUMNS + " from audit_log" + where
				+ " order by occurred_at desc, id desc limit :limit offset :offset");
		for (Map.Entry<String, Object> bind : binds.entrySet()) {
			spec = spec.bind(bind.getKey(), bind.getValue());
		}
		return spec.bind("limit", limit).bind("offset", offset).map(AuditLogRepository::toRow).all();
	}

	/**
	 * Counts the rows matching the filters.
	 * @param query the filters
	 * @return the count
	 */
	public Mono<Long> count(AuditQuery query) {
		Map<String, Object> binds = new LinkedHashMap<>();
		GenericExecuteSpec spec = this.db.sql("select count(*) from audit_log" + where(query, binds));
		for (Map.Entry<String, Object> bind : binds.entrySet()) {
			spec = spec.bind(bind.getKey(), bind.getValue());
		}
		return spec.map((row) -> row.get(0, Long.class)).one();
	}

	/**
	 * Deletes the rows older than a time.
	 * @param before the cut-off
	 * @return the number of rows deleted
	 */
	public Mono<Long> deleteBefore(OffsetDateTime before) {
		return this.db.sql("delete from audit_log where occurred_at < :before")
			.bind("before", before)
			.fetch()
			.rowsUpdated();
	}

	private static String where(AuditQuery query, Map<String, Object> binds) {
		StringBuilder where = new StringBuilder();
		condition(where, binds, "occurred_at >= :from", "from", query.from());
		condition(where, binds, "occurred_at < :to", "to", query.to());
		condition(where, binds, "username = :username", "username", query.username());
		condition(where, binds, "action = :action", "action", query.action());
		condition(where, binds, "gateway_group_id = :groupId", "groupId", query.gatewayGroupId());
		condition(where, binds, "resource_type = :resourceType", "resourceType", query.resourceType());
		condition(where, binds, "resource_id = :resourceId", "resourceId", query.resourceId());
		condition(where, binds, "outcome = :outcome", "outcome", query.outcome());
		return where.toString();
	}

	private static void condition(StringBuilder where, Map<String, Object> binds, String sql, String name,
			Object value) {
		if (value == null) {
			return;
		}
		where.append(where.isEmpty() ? " where " : " and ").append(sql);
		binds.put(name, value);
	}

	private static GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, String value) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, String.class);
	}

	private static AuditLogRow toRow(Readable row) {
		Integer status = row.get("status", Integer.class);
		return new AuditLogRow(row.get("id", String.class), row.get("occurred_at", OffsetDateTime.class),
				row.get("user_id", String.class), row.get("username", String.class), row.get("token_id", String.class),
				row.get("source_ip", String.class), row.get("action", String.class),
				row.get("resource_type", String.class), row.get("resource_id", String.class),
				row.get("gateway_group_id", String.class), row.get("outcome", String.class),
				(status != null) ? status : 0, row.get("summary", String.class), row.get("detail", String.class));
	}

}

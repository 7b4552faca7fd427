package io.portico.admin.audit;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Reads the audit log for its API: filtered pages and exports.
 */
@Service
public class AuditLogService {

	private final AuditLogRepository rows;

	public AuditLogService(AuditLogRepository rows) {
		this.rows = rows;
	}

	/**
	 * Entries matching a query, newest first.
	 * @param query the filters
	 * @param offset entries to skip
	 * @param limit entries to return
	 * @return the entries
	 */
	public Flux<AuditLogRow> find(AuditQuery query, long offset, int limit) {
		return this.rows.find(query, offset, limit);
	}

	/**
	 * Counts the entries matching a query.
	 * @param query the filters
	 * @return the count
	 */
	public Mono<Long> count(AuditQuery query) {
		return this.rows.count(query);
	}

}

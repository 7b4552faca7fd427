package io.portico.admin.audit;

import java.util.UUID;

import io.portico.admin.access.Caller;
import io.portico.admin.store.Database;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Writes the audit log. {@link #record} joins the transaction of the change it records;
 * {@link #recordAlone} commits on its own, for refusals and failures whose change (if
 * any) rolled back.
 */
@Service
public class AuditLog {

	private static final int DETAIL_LENGTH = 2000;

	private final AuditLogRepository rows;

	private final Database database;

	private final TransactionalOperator alone;

	public AuditLog(AuditLogRepository rows, Database database, ReactiveTransactionManager transactionManager) {
		this.rows = rows;
		this.database = database;
		this.alone = TransactionalOperator.create(transactionManager,
				new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW));
	}

	/**
	 * Records an event of the current request, in the current transaction.
	 * @param event what happened
	 * @return completion
	 */
	public Mono<Void> record(AuditEvent event) {
		return Mono.deferContextual((context) -> this.rows.insert(row(actor(context.getOrDefault(Caller.class, null)),
				context.getOrDefault(RequestOrigin.class, RequestOrigin.INTERNAL), event)));
	}

	/**
	 * Records an event of the current request in a transaction of its own.
	 * @param event what happened
	 * @return completion
	 */
	public Mono<Void> recordAlone(AuditEvent event) {
		return record(event).as(this.alone::transactional);
	}

	/**
	 * Records an event with an explicit actor and origin in a transaction of its own
	 * (sign-in, failed authentication: before any caller is known).
	 * @param actor who
	 * @param origin from where
	 * @param event what happened
	 * @return completion
	 */
	public Mono<Void> recordAlone(AuditActor actor, RequestOrigin origin, AuditEvent event) {
		return Mono.defer(() -> this.rows.insert(row(actor, origin, event))).as(this.alone::transactional);
	}

	/**
	 * Records an event with an explicit actor and origin in the current transaction.
	 * @param actor who
	 * @param origin from where
	 * @param event what happened
	 * @return completion
	 */
	public Mono<Void> record(AuditActor actor, RequestOrigin origin, AuditEvent event) {
		return Mono.defer(() -> this.rows.insert(row(actor, origin, event)));
	}

	/**
	 * The actor of a caller.
	 * @param caller the caller, or {@code null}
	 * @return the actor
	 */
	public static AuditActor actor(Caller caller) {
		return (caller != null) ? new AuditActor(caller.userId(), caller.username(), caller.tokenId())
				: AuditActor.ANONYMOUS;
	}

	private AuditLogRow row(AuditActor actor, RequestOrigin origin, AuditEvent event) {
		String detail = (event.detail() != null) ? event.detail() : "";
		if (detail.length() > DETAIL_LENGTH) {
			detail = detail.substring(0, DETAIL_LENGTH);
		}
		String username = actor.username();
		if (username != null && username.length() > 100) {
			username = username.substring(0, 100);
		}
		return new AuditLogRow(UUID.randomUUID().toString(), this.database.now(), actor.userId(), username,
				actor.tokenId(), origin.sourceIp(), event.action(), event.resourceType(), event.resourceId(),
				event.gatewayGroupId(), event.outcome().value(), event.status(),
				(event.summary() != null) ? event.summary() : "", detail);
	}

}

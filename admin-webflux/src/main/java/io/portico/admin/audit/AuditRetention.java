package io.portico.admin.audit;

import java.time.Duration;

import io.portico.admin.config.AdminProperties;
import io.portico.admin.store.Database;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Deletes audit rows older than {@code portico.admin.audit.retention}, in the background,
 * every {@code prune-interval}.
 */
@Component
public class AuditRetention implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(AuditRetention.class);

	private final AuditLogRepository rows;

	private final Database database;

	private final AdminProperties.Audit settings;

	private volatile Disposable schedule;

	public AuditRetention(AuditLogRepository rows, Database database, AdminProperties properties) {
		this.rows = rows;
		this.database = database;
		this.settings = properties.audit();
	}

	/**
	 * Deletes the rows past the retention now.
	 * @return the number of rows deleted
	 */
	public Mono<Long> prune() {
		return Mono.defer(() -> this.rows.deleteBefore(this.database.now().minus(this.settings.retention())));
	}

	@Override
	public void start() {
		this.schedule = Flux.interval(Duration.ofSeconds(5), this.settings.pruneInterval())
			.concatMap((tick) -> prune().onErrorResume((ex) -> {
				logger.warn("Cannot prune the audit log: " + ex.getMessage());
				return Mono.empty();
			}))
			.subscribe((deleted) -> {
				if (deleted > 0) {
					logger.info("Pruned " + deleted + " audit log rows older than " + this.settings.retention());
				}
			});
	}

	@Override
	public void stop() {
		Disposable current = this.schedule;
		if (current != null) {
			current.dispose();
		}
		this.schedule = null;
	}

	@Override
	public boolean isRunning() {
		return this.schedule != null;
	}

}

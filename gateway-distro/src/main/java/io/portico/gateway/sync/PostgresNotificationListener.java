package io.portico.gateway.sync;

import java.time.Duration;

import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Listens on the admin's PostgreSQL notification channel ({@code LISTEN portico_config})
 * over a dedicated connection and asks for a reload when the payload names this
 * instance's gateway group.
 *
 * <p>
 * Does nothing unless the connection factory is PostgreSQL. On any error the connection
 * is reopened with a backoff (up to 30 s); each time listening (re)starts, a reload is
 * requested, since notifications sent meanwhile are lost.
 */
public class PostgresNotificationListener extends SubscriptionLifecycle {

	private static final Log logger = LogFactory.getLog(PostgresNotificationListener.class);

	private static final Duration MIN_BACKOFF = Duration.ofMillis(200);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final ConnectionFactory connectionFactory;

	private final String channel;

	private final String group;

	private final ConfigReloader reloader;

	public PostgresNotificationListener(ConnectionFactory connectionFactory, String channel, String group,
			ConfigReloader reloader) {
		this.connectionFactory = connectionFactory;
		this.channel = channel;
		this.group = group;
		this.reloader = reloader;
	}

	/**
	 * Finds the PostgreSQL connection factory behind a pool.
	 * @param factory the factory
	 * @return the PostgreSQL factory, or {@code null} when the database is not PostgreSQL
	 */
	static PostgresqlConnectionFactory postgres(ConnectionFactory factory) {
		Object current = factory;
		for (int depth = 0; depth < 5 && current != null; depth++) {
			if (current instanceof PostgresqlConnectionFactory postgres) {
				return postgres;
			}
			current = (current instanceof Wrapped<?> wrapped) ? wrapped.unwrap() : null;
		}
		return null;
	}

	@Override
	protected Disposable subscribe() {
		PostgresqlConnectionFactory postgres = postgres(this.connectionFactory);
		if (postgres == null) {
			logger.info("Not PostgreSQL: changes are found by polling the config revision only");
			return null;
		}
		return Flux.defer(() -> listen(postgres))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, MIN_BACKOFF)
				.maxBackoff(MAX_BACKOFF)
				.transientErrors(true)
				.doBeforeRetry((signal) -> logger
					.warn("LISTEN " + this.channel + " failed, reconnecting: " + signal.failure().getMessage())))
			.repeatWhen((completions) -> completions.delayElements(MIN_BACKOFF))
			.subscribe((notification) -> {
				if (this.group.equals(notification.getParameter())) {
					this.reloader.requestReload();
				}
			});
	}

	private Flux<Notification> listen(PostgresqlConnectionFactory factory) {
		return Flux.usingWhen(factory.create(), (connection) -> listenOn(connection), PostgresqlConnection::close);
	}

	private Flux<Notification> listenOn(PostgresqlConnection connection) {
		return connection.createStatement("LISTEN " + this.channel)
			.execute()
			.flatMap(PostgresqlResult::getRowsUpdated)
			.then(Mono.fromRunnable(() -> {
				logger.debug("Listening on " + this.channel);
				// Whatever was notified before LISTEN took effect is caught by this
				// reload.
				this.reloader.requestReload();
			}))
			.thenMany(connection.getNotifications());
	}

}

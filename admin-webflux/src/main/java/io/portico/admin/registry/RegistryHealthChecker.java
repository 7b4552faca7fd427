package io.portico.admin.registry;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.portico.admin.config.AdminProperties;
import io.portico.admin.store.Database;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Keeps the status of every registry connection current: checks each one right after it
 * is created or changed, and all of them every
 * {@code portico.admin.registries.check-interval}. A check calls the connection's client
 * with {@code check-timeout}, then records {@code healthy} or {@code unhealthy} with a
 * secret-free {@code last_error}, and appends to the connection's history (the newest
 * {@code history-size} are kept).
 *
 * <p>
 * Every check runs on its own, so a registry that hangs delays nobody else; a connection
 * is never checked twice at once with the same settings. A check that ends after its
 * connection was edited is discarded: it spoke for the old settings.
 *
 * <p>
 * A connection whose secrets cannot be decrypted with the configured keys is
 * {@code unhealthy} with the reason ("secret unreadable with the configured key …"),
 * without calling the registry. Secrets still in plain text or under a previous key are
 * re-encrypted under the current key before the check.
 */
@Component
public class RegistryHealthChecker implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RegistryHealthChecker.class);

	private final ServiceRegistryRepository registries;

	private final RegistryClientCache clients;

	private final Database database;

	private final TransactionalOperator transactions;

	private final AdminProperties.Registries settings;

	private final Map<String, Disposable.Swap> inFlight = new ConcurrentHashMap<>();

	private volatile Disposable ticker;

	public RegistryHealthChecker(ServiceRegistryRepository registries, RegistryClientCache clients, Database database,
			TransactionalOperator transactions, AdminProperties properties) {
		this.registries = registries;
		this.clients = clients;
		this.database = database;
		this.transactions = transactions;
		this.settings = properties.registries();
	}

	/**
	 * Checks a connection soon, off the caller's thread; call it after the change that
	 * created or edited it has committed.
	 * @param id the connection id
	 */
	public void checkSoon(String id) {
		this.registries.findById(id)
			.subscribe(this::launch, (ex) -> logger
				.warn("Cannot read service registry '" + id + "' to check it: " + ex.getClass().getSimpleName()));
	}

	/**
	 * Stops checking a deleted connection and closes its client.
	 * @param id the connection id
	 */
	public void forget(String id) {
		this.inFlight.entrySet().removeIf((entry) -> {
			if (entry.getKey().startsWith(id + "@")) {
				entry.getValue().dispose();
				return true;
			}
			return false;
		});
		this.clients.evict(id);
	}

	/**
	 * Starts a check of every connection (not waiting for the checks to end) and closes
	 * the clients of connections that are gone.
	 * @return completion once every check is started
	 */
	public Mono<Void> checkAll() {
		return this.registries.findAll().collectList().doOnNext((rows) -> {
			this.clients.retainOnly(rows.stream().map(ServiceRegistryRow::id).collect(Collectors.toSet()));
			rows.forEach(this::launch);
		}).then();
	}

	/**
	 * Checks one connection and records the outcome.
	 * @param row the connection as read
	 * @return the recorded status, or empty when the outcome was stale
	 */
	public Mono<String> check(ServiceRegistryRow row) {
		long started = System.nanoTime();
		if (!row.secretsReadable()) {
			// Connecting with empty secrets would only add a misleading error.
			return record(row, new Outcome(RegistryStatus.UNHEALTHY, row.secretsProblem()),
					Duration.ofNanos(System.nanoTime() - started));
		}
		Duration timeout = this.settings.checkTimeout();
		return reencryptIfStale(row).then(this.clients.client(row))
			.flatMap((client) -> Mono.defer(client::check).subscribeOn(Schedulers.boundedElastic()))
			.timeout(timeout)
			.then(Mono.fromSupplier(() -> new Outcome(RegistryStatus.HEALTHY, null)))
			.onErrorResume((ex) -> Mono
				.just(new Outcome(RegistryStatus.UNHEALTHY, RegistryMessages.describe(ex, row.settings(), timeout))))
			.flatMap((outcome) -> record(row, outcome, Duration.ofNanos(System.nanoTime() - started)));
	}

	// Secrets in plain text or under a previous key are rewritten under the current key
	// as soon as the admin reads them for a check; a failure only delays that.
	private Mono<Void> reencryptIfStale(ServiceRegistryRow row) {
		if (row.secretsState() != SecretsState.STALE) {
			return Mono.empty();
		}
		return this.registries.reencrypt(row.id())
			.filter((outcome) -> outcome == ReencryptOutcome.REENCRYPTED)
			.doOnNext((outcome) -> logger.info("Re-encrypted the secrets of service registry '" + row.name() + "' ("
					+ row.id() + ") under the current key"))
			.onErrorResume((ex) -> {
				logger.warn("Cannot re-encrypt the secrets of service registry '" + row.name() + "' (" + row.id()
						+ "): " + ex.getClass().getSimpleName());
				return Mono.empty();
			})
			.then();
	}

	private void launch(ServiceRegistryRow row) {
		String key = row.id() + "@" + row.rowVersion();
		Disposable.Swap running = Disposables.swap();
		if (this.inFlight.putIfAbsent(key, running) != null) {
			return;
		}
		running.update(check(row).doFinally((signal) -> this.inFlight.remove(key, running))
			.subscribe(null,
					(ex) -> logger.warn("Recording the check of service registry '" + row.name() + "' (" + row.id()
							+ ") failed: " + RegistryMessages.scrub(String.valueOf(ex.getMessage()), row.settings()))));
	}

	private Mono<String> record(ServiceRegistryRow row, Outcome outcome, Duration took) {
		OffsetDateTime now = this.database.now();
		String status = outcome.status().jsonValue();
		RegistryCheckRow check = new RegistryCheckRow(UUID.randomUUID().toString(), row.id(), status, outcome.error(),
				took.toMillis(), now);
		Mono<String> write = this.registries.recordStatus(row.id(), row.rowVersion(), status, outcome.error(), now)
			.flatMap((updated) -> (updated == 0) ? Mono.<String>empty()
					: this.registries.insertCheck(check)
						.then(this.registries.pruneChecks(row.id(), this.settings.historySize()))
						.thenReturn(status));
		return write.as(this.transactions::transactional).doOnNext((recorded) -> logTransition(row, outcome));
	}

	private static void logTransition(ServiceRegistryRow row, Outcome outcome) {
		boolean changed = !outcome.status().jsonValue().equals(row.status())
				|| !Objects.equals(outcome.error(), row.lastError());
		if (!changed) {
			return;
		}
		String which = "Service registry '" + row.name() + "' (" + row.id() + ", " + row.type().jsonValue()
				+ ", gateway group '" + row.gatewayGroupId() + "')";
		if (outcome.status() == RegistryStatus.HEALTHY) {
			logger.info(which + " is healthy");
		}
		else {
			logger.warn(which + " is unhealthy: " + outcome.error());
		}
	}

	@Override
	public void start() {
		Duration interval = this.settings.checkInterval();
		this.ticker = Flux.interval(interval, interval, Schedulers.parallel())
			.startWith(0L)
			.onBackpressureDrop()
			.concatMap((tick) -> checkAll().onErrorResume((ex) -> {
				logger.warn("Cannot list service registries to check them: " + ex.getClass().getSimpleName());
				return Mono.empty();
			}), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.ticker;
		if (current != null) {
			current.dispose();
		}
		this.ticker = null;
		for (String key : Set.copyOf(this.inFlight.keySet())) {
			Disposable check = this.inFlight.remove(key);
			if (check != null) {
				check.dispose();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.ticker != null;
	}

	private record Outcome(RegistryStatus status, String error) {

	}

}

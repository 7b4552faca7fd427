package io.portico.admin.store;

import java.time.Duration;

import reactor.core.publisher.Mono;

import io.portico.admin.config.AdminProperties;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The admin's database as readiness sees it (health contributor {@code database}, in the
 * {@code readiness} group): a {@code SELECT 1} through the connection pool, bounded by
 * {@code portico.admin.database.health-timeout}. While the database is unreachable the
 * admin answers every API call with 503, so it should receive no traffic: readiness goes
 * DOWN. Liveness does not include it: restarting the admin would not bring the database
 * back, and the pool reconnects by itself.
 */
@Component
public class DatabaseHealthIndicator implements ReactiveHealthIndicator {

	private final DatabaseClient client;

	private final Duration timeout;

	public DatabaseHealthIndicator(DatabaseClient client, AdminProperties properties) {
		this.client = client;
		this.timeout = properties.database().healthTimeout();
	}

	@Override
	public Mono<Health> health() {
		return this.client.sql("SELECT 1")
			.map((row) -> 1)
			.first()
			.timeout(this.timeout)
			.map((one) -> Health.up().build())
			// The exception's type only: its message may name the database's address.
			.onErrorResume((ex) -> Mono.just(Health.down().withDetail("error", ex.getClass().getName()).build()));
	}

}

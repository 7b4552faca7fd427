package io.portico.gateway.instance;

import io.portico.gateway.sync.AppliedConfig;
import io.portico.gateway.sync.ConfigReloader;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Where the route table served comes from, in the readiness group: {@code database}, or
 * {@code snapshot} while the gateway serves its local snapshot because the database has
 * not answered since it started. UP in both cases unless
 * {@code portico.gateway.snapshot.ready-when-stale=false}, which takes a gateway serving
 * a snapshot out of its load balancer; OUT_OF_SERVICE before the first table.
 */
public class ConfigHealthIndicator implements HealthIndicator {

	private final ConfigReloader reloader;

	private final boolean readyWhenStale;

	public ConfigHealthIndicator(ConfigReloader reloader, boolean readyWhenStale) {
		this.reloader = reloader;
		this.readyWhenStale = readyWhenStale;
	}

	@Override
	public Health health() {
		AppliedConfig applied = this.reloader.applied();
		if (!applied.loaded()) {
			return Health.outOfService().withDetail("source", "none").build();
		}
		Health.Builder health = (applied.fromSnapshot() && !this.readyWhenStale) ? Health.outOfService() : Health.up();
		return health.withDetail("source", applied.fromSnapshot() ? "snapshot" : "database")
			.withDetail("revision", applied.revision())
			.withDetail("status", applied.status())
			.build();
	}

}

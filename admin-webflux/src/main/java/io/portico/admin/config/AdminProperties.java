package io.portico.admin.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the admin under {@code portico.admin}.
 *
 * @param instances how the status of gateway instances is computed
 * @param registries how service registry connections are checked
 */
@Validated
@ConfigurationProperties("portico.admin")
public record AdminProperties(@Valid @DefaultValue Instances instances, @Valid @DefaultValue Registries registries) {

	/**
	 * Heartbeat thresholds of gateway instances.
	 *
	 * @param lostAfter heartbeat age from which an instance is {@code lost_connection}
	 * (and no longer counts as connected)
	 * @param offlineAfter heartbeat age from which an instance is {@code offline}
	 */
	public record Instances(@NotNull @DefaultValue("30s") Duration lostAfter,
			@NotNull @DefaultValue("2h") Duration offlineAfter) {

	}

	/**
	 * Health checks of service registry connections.
	 *
	 * @param checkInterval how often every connection is checked (each is also checked
	 * right after it is created or changed)
	 * @param checkTimeout how long one check, or one browse of a registry's services, may
	 * take before the connection counts as unhealthy
	 * @param historySize how many recent checks are kept per connection
	 */
	public record Registries(@NotNull @DurationMin(millis = 10) @DefaultValue("10s") Duration checkInterval,
			@NotNull @DurationMin(millis = 10) @DefaultValue("5s") Duration checkTimeout,
			@Min(1) @Max(10000) @DefaultValue("100") int historySize) {

	}

}

package io.portico.admin.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the admin under {@code portico.admin}.
 *
 * @param instances how the status of gateway instances is computed
 */
@Validated
@ConfigurationProperties("portico.admin")
public record AdminProperties(@Valid @DefaultValue Instances instances) {

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

}

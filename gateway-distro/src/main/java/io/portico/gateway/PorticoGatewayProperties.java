package io.portico.gateway;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of a Portico gateway instance ({@code portico.gateway.*}).
 *
 * @param group the gateway group whose published services this instance serves
 * @param pollInterval how often the group's config revision is compared, as a fallback
 * for lost notifications
 * @param heartbeatInterval how often the instance row is written
 * @param instanceId the instance id; empty for {@code <hostname>-<port>-<random>}
 * @param advertisedAddress the address reported to the admin; empty for the local IP
 * address and the server port
 * @param notifyChannel the PostgreSQL channel the admin notifies after each change
 * @param shutdownDrain on shutdown, how long readiness is DOWN while the gateway still
 * serves, before Spring Boot's graceful shutdown stops accepting (0: none, as with a
 * Kubernetes {@code preStop} sleep doing it)
 */
@Validated
@ConfigurationProperties("portico.gateway")
public record PorticoGatewayProperties(@DefaultValue("default") @NotBlank String group,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("10s") Duration heartbeatInterval,
		@DefaultValue("") String instanceId, @DefaultValue("") String advertisedAddress,
		@DefaultValue("portico_config") @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}") String notifyChannel,
		@DefaultValue("0s") Duration shutdownDrain) {

}

package io.portico.gateway.upstream;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Retries and passive health checks towards upstream nodes
 * ({@code portico.gateway.upstream.*}), for every service of the gateway.
 *
 * @param connectRetries how many other nodes of the service a request is tried on when
 * the connection to its node fails (refused, unreachable, connect timeout: nothing was
 * sent, so any method); 0 for none
 * @param ejectAfterFailures failed connections in a row that eject a node from rotation;
 * 0 turns passive checks off
 * @param ejection how long an ejected node gets no traffic before one request probes it
 */
@Validated
@ConfigurationProperties("portico.gateway.upstream")
public record UpstreamProperties(@DefaultValue("2") @Min(0) int connectRetries,
		@DefaultValue("3") @Min(0) int ejectAfterFailures, @DefaultValue("10s") Duration ejection) {

}

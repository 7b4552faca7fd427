package io.portico.gateway.limit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on client requests ({@code portico.gateway.limits.*}). Header size and idle
 * timeouts are the server's own settings ({@code server.max-http-request-header-size},
 * {@code server.netty.idle-timeout}); see docs/resilience.md.
 *
 * @param maxBodySize the largest request body passed to an upstream; a larger one is
 * answered 413 as soon as it is known to be larger (from {@code Content-Length}, or while
 * it streams), never buffered whole. {@code 0} for no limit.
 * @param clientReadTimeout the longest pause between two reads of a request's body from
 * the client: a client that sends too slowly (a byte a second) is cut, so that it cannot
 * hold a connection for ever
 */
@Validated
@ConfigurationProperties("portico.gateway.limits")
public record RequestLimitsProperties(@DefaultValue("0") DataSize maxBodySize,
		@DefaultValue("30s") Duration clientReadTimeout) {

}

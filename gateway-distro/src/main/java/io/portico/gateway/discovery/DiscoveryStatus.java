package io.portico.gateway.discovery;

import java.time.Instant;

/**
 * What the gateway knows about one watched service, as the heartbeat reports it in
 * {@code gateway_instance.discovery}.
 *
 * @param key the watched service
 * @param endpoints how many endpoints are served
 * @param stale whether the registry failed since the endpoints were last received (they
 * keep serving)
 * @param lastError the registry's last error while stale, or {@code null}
 * @param updatedAt when the endpoint list was last received, or {@code null} before the
 * first one
 */
public record DiscoveryStatus(DiscoveryKey key, int endpoints, boolean stale, String lastError, Instant updatedAt) {

}

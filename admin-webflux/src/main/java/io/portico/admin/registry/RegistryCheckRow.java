package io.portico.admin.registry;

import java.time.OffsetDateTime;

/**
 * A row of table {@code service_registry_check}: one health check of a connection.
 *
 * @param id the id
 * @param registryId the connection
 * @param status {@code healthy} or {@code unhealthy}
 * @param error why it failed, or {@code null}
 * @param durationMs how long it took
 * @param checkedAt when it ended
 */
public record RegistryCheckRow(String id, String registryId, String status, String error, long durationMs,
		OffsetDateTime checkedAt) {

}

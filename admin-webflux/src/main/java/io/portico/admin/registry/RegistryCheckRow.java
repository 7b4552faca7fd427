package io.portico.admin.registry;

import java.time.OffsetDateTime;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A row of table {@code service_registry_check}: one health check of a connection, mapped
 * by Spring Data.
 *
 * @param id the id
 * @param registryId the connection
 * @param status {@code healthy} or {@code unhealthy}
 * @param error why it failed, or {@code null}
 * @param durationMs how long it took
 * @param checkedAt when it ended
 */
@Table("service_registry_check")
public record RegistryCheckRow(@Id String id, String registryId, String status, String error, long durationMs,
		OffsetDateTime checkedAt) {

}

package io.portico.admin.registry;

import java.time.OffsetDateTime;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A row of {@code service_registry} as Spring Data maps it: settings as registry-client's
 * stored JSON, secrets sealed by the cipher. {@link ServiceRegistryRepository} turns it
 * into a {@link ServiceRegistryRow} with readable settings. Not versioned through
 * {@code @Version}: health checks write the status under the same {@code row_version}
 * without moving it, so an edit lists the columns it changes.
 *
 * @param id the id
 * @param gatewayGroupId the group
 * @param name the name, unique in the group
 * @param type the registry type's JSON value
 * @param description free text
 * @param settings settings without secrets, JSON
 * @param secrets the sealed secrets, or {@code {}}
 * @param status the connection status
 * @param lastError the last error, or {@code null}
 * @param lastCheckedAt the last check, or {@code null}
 * @param createdAt creation time
 * @param updatedAt last edit time
 * @param rowVersion the optimistic lock of operator edits
 */
@Table("service_registry")
record ServiceRegistryEntity(@Id String id, String gatewayGroupId, String name, String type, String description,
		String settings, String secrets, String status, String lastError, OffsetDateTime lastCheckedAt,
		OffsetDateTime createdAt, OffsetDateTime updatedAt, long rowVersion) {

}

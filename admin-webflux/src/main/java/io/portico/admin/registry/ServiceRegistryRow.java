package io.portico.admin.registry;

import java.time.OffsetDateTime;

import io.portico.registry.RegistryConnection;
import io.portico.registry.RegistrySettings;
import io.portico.registry.RegistryType;

/**
 * A row of table {@code service_registry}, with its settings and secrets read back (the
 * settings' {@code toString()} masks the secrets).
 *
 * @param id the id
 * @param gatewayGroupId the group
 * @param name the name, unique in the group
 * @param description free text
 * @param settings the type-specific settings, secrets included
 * @param status {@code connecting}, {@code healthy} or {@code unhealthy}
 * @param lastError why the last check failed, or {@code null}
 * @param lastCheckedAt when the last check ended, or {@code null}
 * @param createdAt creation time
 * @param updatedAt last edit time
 * @param rowVersion optimistic lock, bumped by edits only (not by checks)
 */
public record ServiceRegistryRow(String id, String gatewayGroupId, String name, String description,
		RegistrySettings settings, String status, String lastError, OffsetDateTime lastCheckedAt,
		OffsetDateTime createdAt, OffsetDateTime updatedAt, long rowVersion) {

	/**
	 * The registry type.
	 * @return the type of the settings
	 */
	public RegistryType type() {
		return this.settings.type();
	}

	/**
	 * The connection a registry client is built from.
	 * @return the connection
	 */
	public RegistryConnection connection() {
		return new RegistryConnection(this.id, this.gatewayGroupId, this.name, this.settings);
	}

}

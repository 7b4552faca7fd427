package io.portico.admin.registry;

import java.time.OffsetDateTime;

import io.portico.registry.RegistryConnection;
import io.portico.registry.RegistrySettings;
import io.portico.registry.RegistryType;

/**
 * A row of table {@code service_registry}, with its settings and secrets read back and
 * decrypted (the settings' {@code toString()} masks the secrets). When the secrets cannot
 * be decrypted, the settings hold empty secrets and {@code secretsProblem} says why.
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
 * @param secretsState how the stored secrets read with the configured keys
 * @param secretsProblem why they cannot be read, without key or secret; {@code null} when
 * they can
 */
public record ServiceRegistryRow(String id, String gatewayGroupId, String name, String description,
		RegistrySettings settings, String status, String lastError, OffsetDateTime lastCheckedAt,
		OffsetDateTime createdAt, OffsetDateTime updatedAt, long rowVersion, SecretsState secretsState,
		String secretsProblem) {

	/**
	 * A row whose secrets are readable and current, as written.
	 * @param id the id
	 * @param gatewayGroupId the group
	 * @param name the name
	 * @param description free text
	 * @param settings the settings, secrets included
	 * @param status the status
	 * @param lastError the last error, or {@code null}
	 * @param lastCheckedAt the last check, or {@code null}
	 * @param createdAt creation time
	 * @param updatedAt last edit time
	 * @param rowVersion the row version
	 */
	public ServiceRegistryRow(String id, String gatewayGroupId, String name, String description,
			RegistrySettings settings, String status, String lastError, OffsetDateTime lastCheckedAt,
			OffsetDateTime createdAt, OffsetDateTime updatedAt, long rowVersion) {
		this(id, gatewayGroupId, name, description, settings, status, lastError, lastCheckedAt, createdAt, updatedAt,
				rowVersion, SecretsState.CURRENT, null);
	}

	/**
	 * Whether the stored secrets could be decrypted.
	 * @return false when they are unreadable with the configured keys
	 */
	public boolean secretsReadable() {
		return this.secretsState != SecretsState.UNREADABLE;
	}

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

package io.portico.registry;

/**
 * One registry connection of a gateway group, as the admin stores it and the gateway
 * reads it.
 *
 * @param id the connection id
 * @param gatewayGroupId the gateway group it belongs to
 * @param name the display name
 * @param settings the type-specific settings, secrets included
 */
public record RegistryConnection(String id, String gatewayGroupId, String name, RegistrySettings settings) {

	/**
	 * The registry type.
	 * @return the type of the settings
	 */
	public RegistryType type() {
		return this.settings.type();
	}

}

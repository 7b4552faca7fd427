package io.portico.gateway.load;

/**
 * Why one published service or registry connection is not served, as reported in the
 * instance's {@code config_errors}.
 *
 * @param serviceId the service id, or {@code null} for a registry connection or a problem
 * of the whole group
 * @param version the published version, or {@code null}
 * @param serviceRegistryId the registry connection id when the error is about a
 * connection (or a service that uses it), or {@code null}
 * @param message what is wrong, for a person; never a secret
 */
public record ConfigError(String serviceId, String version, String serviceRegistryId, String message) {

	/**
	 * An error of a service, or of the whole group.
	 * @param serviceId the service id, or {@code null} for the whole group
	 * @param version the published version, or {@code null}
	 * @param message what is wrong
	 */
	public ConfigError(String serviceId, String version, String message) {
		this(serviceId, version, null, message);
	}

	/**
	 * Whether the group's configuration could not be delivered at all (not one row).
	 * @return whether it names neither a service nor a registry connection
	 */
	public boolean isGroupError() {
		return this.serviceId == null && this.serviceRegistryId == null;
	}

	/** What the message of a canary error starts with. */
	public static final String CANARY_PREFIX = "canary not applied, the baseline is still served: ";

	/**
	 * An error of a service's canary: the service is served without it.
	 * @param serviceId the service id
	 * @param version the published (current) version
	 * @param serviceRegistryId the registry connection the canary names, or {@code null}
	 * @param message what is wrong with the canary
	 * @return the error
	 */
	public static ConfigError canary(String serviceId, String version, String serviceRegistryId, String message) {
		return new ConfigError(serviceId, version, serviceRegistryId, CANARY_PREFIX + message);
	}

	/**
	 * Whether this error is about a canary only (its service is still served).
	 * @return whether it was made by {@link #canary}
	 */
	public boolean isCanaryError() {
		return this.serviceId != null && this.message != null && this.message.startsWith(CANARY_PREFIX);
	}

}

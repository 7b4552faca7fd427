package io.portico.admin.registry;

import java.util.Locale;

/**
 * The live status of a registry connection, as stored and returned.
 */
public enum RegistryStatus {

	/** Created or changed, not checked yet. */
	CONNECTING,

	/** The last check connected and authenticated. */
	HEALTHY,

	/** The last check failed; {@code last_error} says why. */
	UNHEALTHY;

	/**
	 * The JSON and stored value.
	 * @return {@code connecting}, {@code healthy} or {@code unhealthy}
	 */
	public String jsonValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}

package io.portico.registry;

import java.util.Map;

/**
 * Type-specific connection settings of a registry connection. Implementations hold
 * secrets: their {@code toString()} never shows them, and {@link #secrets()} is the one
 * place that says which fields are secret.
 */
public sealed interface RegistrySettings permits KubernetesSettings, ConsulSettings, EurekaSettings, NacosSettings {

	/**
	 * The registry type these settings are for.
	 * @return the type
	 */
	RegistryType type();

	/**
	 * The secret fields, by their stored name ({@code token}, {@code password}): what is
	 * encrypted at rest and what {@link SecretScrubber} removes from messages.
	 * @return the secrets, empty values included; empty when the type has none
	 */
	Map<String, String> secrets();

}

package io.portico.registry;

/**
 * Type-specific connection settings of a registry connection. Implementations hold
 * secrets: their {@code toString()} never shows them.
 */
public sealed interface RegistrySettings permits KubernetesSettings, ConsulSettings, EurekaSettings, NacosSettings {

	/**
	 * The registry type these settings are for.
	 * @return the type
	 */
	RegistryType type();

}

package io.portico.registry;

import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Type-specific connection settings of a registry connection. Implementations hold
 * secrets: their {@code toString()} never shows them, and their {@link Secret} components
 * are the one place that says which fields are secret.
 */
public sealed interface RegistrySettings permits KubernetesSettings, ConsulSettings, EurekaSettings, NacosSettings {

	/**
	 * The registry type these settings are for.
	 * @return the type
	 */
	default RegistryType type() {
		return RegistryType.of(this);
	}

	/**
	 * The secret fields, by their stored name ({@code token}, {@code password}): what is
	 * encrypted at rest and what {@link SecretScrubber} removes from messages.
	 * @return the secrets, the components marked {@link Secret}, empty values included;
	 * empty when the type has none
	 */
	default Map<String, String> secrets() {
		Map<String, String> secrets = new LinkedHashMap<>();
		for (RecordComponent component : getClass().getRecordComponents()) {
			if (component.isAnnotationPresent(Secret.class)) {
				secrets.put(component.getName(), (String) SecretScrubber.read(component, this));
			}
		}
		return Collections.unmodifiableMap(secrets);
	}

}

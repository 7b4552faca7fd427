package io.portico.registry;

import java.util.Locale;

/**
 * The kinds of service registry a gateway group can connect to.
 */
public enum RegistryType {

	/** Kubernetes EndpointSlices, through the fabric8 client. */
	KUBERNETES(KubernetesSettings.class),

	/**
	 * Consul's health API with blocking queries, through Spring Cloud Consul's client.
	 */
	CONSUL(ConsulSettings.class),

	/** Eureka's REST API, through the Eureka client's transport. */
	EUREKA(EurekaSettings.class),

	/** Nacos naming subscriptions, through the Nacos client. */
	NACOS(NacosSettings.class);

	private final Class<? extends RegistrySettings> settings;

	RegistryType(Class<? extends RegistrySettings> settings) {
		this.settings = settings;
	}

	/**
	 * The type of some settings.
	 * @param settings the settings
	 * @return the type whose settings record they are
	 */
	static RegistryType of(RegistrySettings settings) {
		for (RegistryType type : values()) {
			if (type.settings.isInstance(settings)) {
				return type;
			}
		}
		throw new IllegalStateException("No registry type for " + settings.getClass());
	}

	/**
	 * The JSON and stored value.
	 * @return {@code kubernetes}, {@code consul}, {@code eureka} or {@code nacos}
	 */
	public String jsonValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Parses a JSON value.
	 * @param value the value, lower case
	 * @return the type, or {@code null} when unknown
	 */
	public static RegistryType fromJson(String value) {
		for (RegistryType type : values()) {
			if (type.jsonValue().equals(value)) {
				return type;
			}
		}
		return null;
	}

}

package io.portico.registry;

import java.util.List;

/**
 * How to reach a Eureka server cluster.
 *
 * @param serviceUrls one or more service URLs ({@code http://127.0.0.1:8761/eureka/}),
 * tried in order
 */
public record EurekaSettings(List<String> serviceUrls) implements RegistrySettings {

	public EurekaSettings {
		serviceUrls = (serviceUrls != null) ? List.copyOf(serviceUrls) : List.of();
	}

}

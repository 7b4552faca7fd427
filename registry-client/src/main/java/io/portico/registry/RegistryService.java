package io.portico.registry;

import java.util.List;

/**
 * A service a registry offers, for browsing.
 *
 * @param namespace the Kubernetes namespace, the Nacos group, or empty (Consul, Eureka)
 * @param name the service name
 * @param ports named ports (Kubernetes), empty elsewhere
 */
public record RegistryService(String namespace, String name, List<String> ports) {

	public RegistryService {
		namespace = (namespace != null) ? namespace : "";
		ports = (ports != null) ? List.copyOf(ports) : List.of();
	}

}

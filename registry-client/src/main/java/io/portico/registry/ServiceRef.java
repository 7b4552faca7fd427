package io.portico.registry;

/**
 * A service in a registry, as a published version's discovery upstream names it.
 *
 * @param namespace the Kubernetes namespace, the Nacos group, or empty (Consul, Eureka)
 * @param serviceName the service name
 * @param portName for Kubernetes services with several ports, the port name; {@code null}
 * otherwise
 */
public record ServiceRef(String namespace, String serviceName, String portName) {

	public ServiceRef {
		namespace = (namespace != null) ? namespace : "";
	}

}

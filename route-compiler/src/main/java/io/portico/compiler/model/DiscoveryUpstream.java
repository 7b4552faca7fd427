package io.portico.compiler.model;

/**
 * An upstream found through a service registry connection of the gateway group.
 *
 * @param serviceRegistryId the registry connection id (of the same gateway group)
 * @param namespace the namespace (Kubernetes, Nacos namespace) or group; may be empty
 * @param serviceName the service name in the registry
 * @param portName the port name, for Kubernetes services with several ports; may be
 * {@code null}
 */
public record DiscoveryUpstream(String serviceRegistryId, String namespace, String serviceName,
		String portName) implements Upstream {

	/** The stored kind of this upstream. */
	public static final String KIND = "discovery";

	@Override
	public String kind() {
		return KIND;
	}

}

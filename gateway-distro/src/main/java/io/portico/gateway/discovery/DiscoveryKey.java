package io.portico.gateway.discovery;

import io.portico.compiler.model.DiscoveryUpstream;

/**
 * One watched service: a registry connection and a service in it, as published. Services
 * that name the same key share one watch.
 *
 * @param registryId the registry connection id
 * @param namespace the namespace (Kubernetes), group (Nacos) or empty
 * @param serviceName the service name in the registry
 * @param portName the Kubernetes port name, or {@code null}
 */
public record DiscoveryKey(String registryId, String namespace, String serviceName, String portName) {

	public DiscoveryKey {
		namespace = (namespace != null) ? namespace : "";
		portName = (portName != null && !portName.isEmpty()) ? portName : null;
	}

	/**
	 * The key of a discovery upstream.
	 * @param upstream the upstream
	 * @return the key
	 */
	public static DiscoveryKey of(DiscoveryUpstream upstream) {
		return new DiscoveryKey(upstream.serviceRegistryId(), upstream.namespace(), upstream.serviceName(),
				upstream.portName());
	}

	/**
	 * Names the service in log lines and messages.
	 * @return {@code namespace/service[:port]} in registry {@code id}
	 */
	public String describe() {
		String service = this.namespace.isEmpty() ? this.serviceName : this.namespace + "/" + this.serviceName;
		if (this.portName != null) {
			service = service + ":" + this.portName;
		}
		return "'" + service + "' of service registry '" + this.registryId + "'";
	}

}

package io.portico.cli.model;

import java.util.List;
import java.util.Map;

/**
 * Where a service's requests go: fixed nodes, or a service found through a registry
 * connection of the gateway group (never both).
 *
 * @param scheme {@code http} or {@code https}, or {@code null}
 * @param type the balancing type: {@code roundrobin} (ADC's) or {@code null}
 * @param name ADC's upstream name, accepted and not stored, or {@code null}
 * @param nodes the fixed nodes (empty with discovery)
 * @param discoveryType the registry connection of the group, or {@code null}
 * @param serviceName the service name in the registry, or {@code null}
 * @param discoveryArgs {@code namespace}, {@code port_name} and {@code registry} (empty
 * when absent)
 * @param timeout connect, send and read timeouts, or {@code null}
 * @param passHost {@code pass}, {@code node} or {@code rewrite}, or {@code null}
 * @param upstreamHost the {@code Host} sent when {@code pass_host} is {@code rewrite}
 */
public record UpstreamEntry(String scheme, String type, String name, List<NodeEntry> nodes, String discoveryType,
		String serviceName, Map<String, String> discoveryArgs, TimeoutEntry timeout, String passHost,
		String upstreamHost) {

	public UpstreamEntry {
		nodes = (nodes != null) ? List.copyOf(nodes) : List.of();
		discoveryArgs = (discoveryArgs != null) ? Map.copyOf(discoveryArgs) : Map.of();
	}

	/**
	 * Whether the upstream names a registry service rather than nodes.
	 * @return {@code true} with {@code discovery_type}
	 */
	public boolean isDiscovery() {
		return this.discoveryType != null;
	}

}

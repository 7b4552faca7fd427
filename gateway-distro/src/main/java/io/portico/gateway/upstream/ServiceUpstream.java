package io.portico.gateway.upstream;

import io.portico.compiler.model.Node;

/**
 * The upstream of one compiled service in the current route table: its scheme and the
 * balancer shared by all its routes (fixed nodes, or a registry's live endpoints).
 *
 * @param serviceId the service id
 * @param scheme {@code http} or {@code https}
 * @param balancer picks the node for each request
 */
public record ServiceUpstream(String serviceId, String scheme, UpstreamBalancer balancer) {

	/**
	 * Picks the node for the next request.
	 * @return the node, or {@code null} when none can take traffic
	 */
	public Node nextNode() {
		return this.balancer.next();
	}

}

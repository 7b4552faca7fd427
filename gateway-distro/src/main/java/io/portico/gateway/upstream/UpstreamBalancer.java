package io.portico.gateway.upstream;

import io.portico.compiler.model.Node;

/**
 * Picks the node of each request of one service: a fixed set of nodes, or the live
 * endpoints of a service registry.
 */
public interface UpstreamBalancer {

	/**
	 * Picks the node for the next request.
	 * @return the node, or {@code null} when none can take traffic
	 */
	Node next();

	/**
	 * Why {@link #next()} returned {@code null}, for the 503 response.
	 * @return a message without secrets
	 */
	default String unavailableReason() {
		return "no upstream node can take traffic";
	}

}

package io.portico.compiler.model;

/**
 * One upstream node.
 *
 * @param host a host name or IP address, without scheme, port or path
 * @param port 1 to 65535
 * @param weight the share of traffic relative to the other nodes; 0 takes none
 */
public record Node(String host, int port, int weight) {

	/** The weight of a node when none is given. */
	public static final int DEFAULT_WEIGHT = 100;

}

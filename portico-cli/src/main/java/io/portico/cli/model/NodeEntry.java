package io.portico.cli.model;

/**
 * One upstream node.
 *
 * @param host a host name or IP address
 * @param port 1 to 65535
 * @param weight the share of traffic; {@value #DEFAULT_WEIGHT} when absent
 */
public record NodeEntry(String host, int port, int weight) {

	/** The weight of a node without one. */
	public static final int DEFAULT_WEIGHT = 100;

}

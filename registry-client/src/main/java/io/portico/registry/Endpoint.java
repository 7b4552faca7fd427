package io.portico.registry;

/**
 * One live endpoint of a service.
 *
 * @param host an IP address or host name
 * @param port the port
 * @param weight the registry's weight scaled so that 100 is normal (Nacos weight 1.0 =
 * 100, Consul {@code Weights.Passing} 1, its default, = 100); 100 where the registry has
 * no weights
 */
public record Endpoint(String host, int port, int weight) {

	/** The weight of an endpoint whose registry has no weights. */
	public static final int DEFAULT_WEIGHT = 100;

}

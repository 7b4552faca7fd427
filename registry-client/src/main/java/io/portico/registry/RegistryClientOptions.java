package io.portico.registry;

import java.time.Duration;

/**
 * Tuning shared by every registry client.
 *
 * @param requestTimeout how long one request to the registry may take
 * @param pollInterval how often registries without push (Eureka) are read
 * @param blockingWait the longest wait of a blocking query or long poll (Consul)
 * @param retryBackoff the first pause before a failed watch retries (doubles up to ten
 * times this)
 */
public record RegistryClientOptions(Duration requestTimeout, Duration pollInterval, Duration blockingWait,
		Duration retryBackoff) {

	/**
	 * Defaults that meet the gateway's bounds: 5 s requests, 2 s polls, 30 s blocking
	 * waits, 500 ms back-off.
	 * @return the defaults
	 */
	public static RegistryClientOptions defaults() {
		return new RegistryClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(30),
				Duration.ofMillis(500));
	}

}

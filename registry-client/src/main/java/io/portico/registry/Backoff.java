package io.portico.registry;

import java.time.Duration;

/**
 * The pause before a failed registry request is tried again, shared by the clients that
 * retry ({@link KubernetesRegistryClient}, {@link ConsulRegistryClient},
 * {@link EurekaRegistryClient}): the configured first back-off, doubled on each further
 * failure up to ten times it, and the first again after a success. One per watch, used
 * from that watch's thread or worker only.
 */
final class Backoff {

	// 2^4 = 16 > 10: the cap is reached within five failures.
	private static final int MAX_DOUBLINGS = 4;

	private static final int MAX_FACTOR = 10;

	private final long firstMillis;

	private int failures;

	Backoff(Duration first) {
		this.firstMillis = Math.max(1, first.toMillis());
	}

	/**
	 * Counts a failure.
	 * @return the pause before the next attempt, in milliseconds
	 */
	long nextMillis() {
		long pause = Math.min(this.firstMillis << Math.min(this.failures, MAX_DOUBLINGS),
				this.firstMillis * MAX_FACTOR);
		this.failures++;
		return pause;
	}

	/**
	 * Counts a success: the next failure pauses for the first back-off again.
	 */
	void reset() {
		this.failures = 0;
	}

}

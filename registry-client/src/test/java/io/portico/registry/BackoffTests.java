package io.portico.registry;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Backoff}: doubles from the first pause up to ten times it, and starts over after
 * a success.
 */
class BackoffTests {

	@Test
	void nextMillis_doublesUpToTenTimesTheFirstPause() {
		Backoff backoff = new Backoff(Duration.ofMillis(100));
		assertThat(new long[] { backoff.nextMillis(), backoff.nextMillis(), backoff.nextMillis(), backoff.nextMillis(),
				backoff.nextMillis(), backoff.nextMillis() })
			.containsExactly(100, 200, 400, 800, 1000, 1000);
	}

	@Test
	void reset_startsOverFromTheFirstPause() {
		Backoff backoff = new Backoff(Duration.ofMillis(100));
		backoff.nextMillis();
		backoff.nextMillis();
		backoff.reset();
		assertThat(backoff.nextMillis()).isEqualTo(100);
	}

	@Test
	void nextMillis_ofAZeroBackoff_stillPausesOneMillisecond() {
		assertThat(new Backoff(Duration.ZERO).nextMillis()).isEqualTo(1);
	}

}

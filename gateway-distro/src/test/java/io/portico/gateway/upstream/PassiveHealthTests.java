package io.portico.gateway.upstream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.portico.compiler.model.Node;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passive health: three failed connections in a row eject a node for the period; a
 * success in between starts the count again; after the period one probe decides: a
 * failure ejects again at once, a success readmits; off with zero failures.
 */
class PassiveHealthTests {

	private static final Node NODE = new Node("10.0.0.1", 8080, 100);

	private final MutableClock clock = new MutableClock();

	private final PassiveHealth health = new PassiveHealth(3, Duration.ofSeconds(10), this.clock);

	@Test
	void threeFailuresInARow_ejectForThePeriod_aSuccessBetweenStartsAgain() {
		this.health.failed("svc", NODE);
		this.health.failed("svc", NODE);
		this.health.succeeded("svc", NODE);
		this.health.failed("svc", NODE);
		this.health.failed("svc", NODE);
		assertThat(this.health.isEjected("svc", NODE)).isFalse();

		this.health.failed("svc", NODE);

		assertThat(this.health.isEjected("svc", NODE)).isTrue();
		assertThat(this.health.isEjected("other", NODE)).as("another service's node of that address").isFalse();
		assertThat(this.health.ejected()).containsKey("svc 10.0.0.1:8080");
		this.clock.advance(Duration.ofSeconds(11));
		assertThat(this.health.isEjected("svc", NODE)).isFalse();
	}

	@Test
	void probeAfterTheEjection_failingEjectsAgainAtOnce_succeedingReadmits() {
		for (int i = 0; i < 3; i++) {
			this.health.failed("svc", NODE);
		}
		this.clock.advance(Duration.ofSeconds(11));

		this.health.failed("svc", NODE);
		assertThat(this.health.isEjected("svc", NODE)).isTrue();

		this.clock.advance(Duration.ofSeconds(11));
		this.health.succeeded("svc", NODE);
		this.health.failed("svc", NODE);
		assertThat(this.health.isEjected("svc", NODE)).isFalse();
	}

	@Test
	void zeroFailures_turnsPassiveChecksOff() {
		PassiveHealth off = new PassiveHealth(0, Duration.ofSeconds(10), this.clock);
		for (int i = 0; i < 10; i++) {
			off.failed("svc", NODE);
		}
		assertThat(off.isEjected("svc", NODE)).isFalse();
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-12-07T10:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}

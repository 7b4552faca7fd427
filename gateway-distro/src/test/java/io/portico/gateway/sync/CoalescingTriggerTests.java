package io.portico.gateway.sync;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

class CoalescingTriggerTests {

	@Test
	void request_whileARunIsInFlight_queuesExactlyOneMoreRun() {
		AtomicInteger started = new AtomicInteger();
		AtomicInteger concurrent = new AtomicInteger();
		AtomicInteger maxConcurrent = new AtomicInteger();
		AtomicReference<Sinks.Empty<Void>> gate = new AtomicReference<>();
		CoalescingTrigger trigger = new CoalescingTrigger("test", () -> {
			started.incrementAndGet();
			maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
			gate.set(Sinks.empty());
			return gate.get().asMono().doOnTerminate(concurrent::decrementAndGet);
		});
		trigger.request();
		for (int i = 0; i < 100; i++) {
			trigger.request();
		}
		assertThat(started).hasValue(1);
		gate.get().tryEmitEmpty();
		assertThat(started).hasValue(2);
		gate.get().tryEmitEmpty();
		assertThat(started).hasValue(2);
		assertThat(maxConcurrent).hasValue(1);
	}

	@Test
	void request_afterAFailedRun_stillRuns() {
		AtomicInteger runs = new AtomicInteger();
		CoalescingTrigger trigger = new CoalescingTrigger("test", () -> {
			if (runs.incrementAndGet() == 1) {
				return Mono.error(new IllegalStateException("boom"));
			}
			return Mono.delay(Duration.ofMillis(1)).then();
		});
		trigger.request();
		trigger.request();
		assertThat(runs).hasValue(2);
	}

}

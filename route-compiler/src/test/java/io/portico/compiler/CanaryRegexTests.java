package io.portico.compiler;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CanaryRegexTests {

	@Test
	void compile_catastrophicPatternOnA50KbValue_matchesInLinearTime() {
		Pattern pattern = CanaryRegex.compile("(a+)+$");
		String value = "a".repeat(50 * 1024) + "!";
		pattern.matches(value);

		// On its own thread, so that a regression fails after 5 s instead of hanging.
		CompletableFuture<long[]> timings = CompletableFuture.supplyAsync(() -> {
			long[] nanos = new long[100];
			for (int i = 0; i < nanos.length; i++) {
				long start = System.nanoTime();
				assertThat(pattern.matches(value)).isFalse();
				nanos[i] = System.nanoTime() - start;
			}
			Arrays.sort(nanos);
			return nanos;
		});

		// The acceptance bound is 10 ms: the median, so that one garbage collection pause
		// on a busy build machine does not fail the test (java.util.regex takes hours).
		assertThat(timings).succeedsWithin(Duration.ofSeconds(5))
			.satisfies(
					(nanos) -> assertThat(Duration.ofNanos(nanos[nanos.length / 2])).isLessThan(Duration.ofMillis(10)));
	}

	@Test
	void problem_backreference_isRefusedNamingTheEngine() {
		assertThat(CanaryRegex.problem("(ab)\\1"))
			.startsWith("is not a valid regular expression for the linear-time RE2")
			.contains("backreferences");
	}

	@Test
	void problem_ordinaryPatterns_areAccepted() {
		assertThat(CanaryRegex.problem("Mobile.*")).isNull();
		assertThat(CanaryRegex.problem("v[0-9]+|beta-\\d{2,3}")).isNull();
		assertThat(CanaryRegex.problem("(?i)canary")).isNull();
	}

}

package io.portico.gateway.upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.portico.compiler.model.Node;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmoothWeightedRoundRobinTests {

	private static final Node A = new Node("a", 80, 100);

	private static final Node B = new Node("b", 80, 300);

	@Test
	void next_withWeights100And300_givesExactly1To3InEveryCycle() {
		SmoothWeightedRoundRobin wrr = new SmoothWeightedRoundRobin(List.of(A, B));
		List<String> picks = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			picks.add(wrr.next().host());
		}
		for (int cycle = 0; cycle < 100; cycle++) {
			List<String> window = picks.subList(cycle * 4, cycle * 4 + 4);
			assertThat(window).containsExactlyInAnyOrder("a", "b", "b", "b");
		}
	}

	@Test
	void next_isSmoothLikeNginx() {
		Node a = new Node("a", 80, 5);
		Node b = new Node("b", 80, 1);
		Node c = new Node("c", 80, 1);
		SmoothWeightedRoundRobin wrr = new SmoothWeightedRoundRobin(List.of(a, b, c));
		List<String> picks = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			picks.add(wrr.next().host());
		}
		assertThat(picks).containsExactly("a", "a", "b", "a", "c", "a", "a");
	}

	@Test
	void next_neverPicksANodeOfWeightZero() {
		Node zero = new Node("zero", 80, 0);
		SmoothWeightedRoundRobin wrr = new SmoothWeightedRoundRobin(List.of(zero, A, B));
		for (int i = 0; i < 1000; i++) {
			assertThat(wrr.next().host()).isNotEqualTo("zero");
		}
		assertThat(wrr.eligibleNodes()).containsExactly(A, B);
	}

	@Test
	void next_withOnlyZeroWeights_returnsNull() {
		SmoothWeightedRoundRobin wrr = new SmoothWeightedRoundRobin(List.of(new Node("zero", 80, 0)));
		assertThat(wrr.next()).isNull();
	}

	@Test
	void next_fromManyThreads_keepsTheExactShare() throws InterruptedException {
		SmoothWeightedRoundRobin wrr = new SmoothWeightedRoundRobin(List.of(A, B));
		Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
		int threads = 8;
		int perThread = 10_000;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			for (int t = 0; t < threads; t++) {
				pool.execute(() -> {
					try {
						start.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
					for (int i = 0; i < perThread; i++) {
						counts.computeIfAbsent(wrr.next().host(), (k) -> new AtomicInteger()).incrementAndGet();
					}
				});
			}
			start.countDown();
		}
		finally {
			pool.shutdown();
			assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		// 80,000 picks are 20,000 full cycles: the split is exact, not approximate.
		assertThat(counts.get("a")).hasValue(20_000);
		assertThat(counts.get("b")).hasValue(60_000);
	}

}

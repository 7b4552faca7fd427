package io.portico.gateway.route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class PorticoRoutePredicateHandlerMappingTests {

	private final AtomicReference<List<Route>> table = new AtomicReference<>(List.of());

	private final PorticoRoutePredicateHandlerMapping mapping = new PorticoRoutePredicateHandlerMapping(
			new FilteringWebHandler(List.of(), false), () -> Flux.fromIterable(this.table.get()),
			new GlobalCorsProperties(), new StandardEnvironment());

	private static Route route(String id, String path) {
		return Route.async()
			.id(id)
			.uri("http://localhost:1")
			.predicate((exchange) -> exchange.getRequest().getURI().getRawPath().equals(path))
			.build();
	}

	private String lookup(String path) {
		Route route = this.mapping.lookupRoute(MockServerWebExchange.from(MockServerHttpRequest.get(path)))
			.block(Duration.ofSeconds(5));
		return (route != null) ? route.getId() : "none";
	}

	@Test
	void lookupRoute_beforeTheFirstRefresh_scansTheRoutesLinearly() {
		this.table.set(List.of(route("a", "/x")));

		assertThat(this.mapping.currentIndex()).isNull();
		assertThat(lookup("/x")).isEqualTo("a");
	}

	@Test
	void onRefreshResult_indexesTheNewTable() {
		this.table.set(List.of(route("a", "/x")));
		this.mapping.onApplicationEvent(new RefreshRoutesResultEvent(this));
		this.table.set(List.of(route("b", "/x")));

		// The index serves the table of the last refresh, not the locator's latest list.
		assertThat(this.mapping.currentIndex().size()).isEqualTo(1);
		assertThat(lookup("/x")).isEqualTo("a");
		this.mapping.onApplicationEvent(new RefreshRoutesResultEvent(this));
		assertThat(lookup("/x")).isEqualTo("b");
	}

	@Test
	void onRefreshResult_failedRefresh_keepsTheIndex() {
		this.table.set(List.of(route("a", "/x")));
		this.mapping.onApplicationEvent(new RefreshRoutesResultEvent(this));
		RouteIndex before = this.mapping.currentIndex();
		this.table.set(List.of());

		this.mapping.onApplicationEvent(new RefreshRoutesResultEvent(this, new IllegalStateException("boom")));

		assertThat(this.mapping.currentIndex()).isSameAs(before);
	}

	@Test
	void swaps_underConcurrentLookups_everyLookupSeesAWholeTable() throws Exception {
		List<Route> tableA = new ArrayList<>();
		List<Route> tableB = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			tableA.add(route("a" + i, "/other/" + i));
			tableB.add(route("b" + i, "/other/" + i));
		}
		tableA.add(route("a", "/x"));
		tableB.add(route("b", "/x"));
		this.table.set(tableA);
		this.mapping.onApplicationEvent(new RefreshRoutesResultEvent(this));
		AtomicBoolean running = new AtomicBoolean(true);
		Set<String> seen = ConcurrentHashMap.newKeySet();
		CountDownLatch started = new CountDownLatch(2);
		ExecutorService lookups = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int t = 0; t < 2; t++) {
				results.add(lookups.submit(() -> {
					started.countDown();
					int count = 0;
					while (running.get()) {
						seen.add(lookup("/x"));
						count++;
					}
					return count;
				}));
			}
			assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
			for (int swap = 0; swap < 200; swap++) {
				this.table.set((swap % 2 == 0) ? tableB : tableA);
				this.mapping.onApplicationEvent(new RefreshRoutesResultEvent(this));
			}
			running.set(false);
			for (Future<Integer> result : results) {
				assertThat(result.get(10, TimeUnit.SECONDS)).isPositive();
			}
		}
		finally {
			lookups.shutdownNow();
		}
		assertThat(seen).isSubsetOf("a", "b").isNotEmpty();
		assertThat(lookup("/x")).isEqualTo("a");
	}

}

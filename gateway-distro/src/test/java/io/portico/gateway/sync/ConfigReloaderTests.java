package io.portico.gateway.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portico.compiler.DefaultRouteCompiler;
import io.portico.compiler.json.StoredFormat;
import io.portico.compiler.model.Node;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;
import io.portico.gateway.discovery.DiscoveryEndpoints;
import io.portico.gateway.load.PublishedConfigRepository;
import io.portico.gateway.load.PublishedServiceCompiler;
import io.portico.gateway.load.PublishedServiceRow;
import io.portico.gateway.route.PorticoRouteLocator;
import io.portico.gateway.route.RouteTableFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.Route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willReturn;
import static org.mockito.Mockito.mock;

class ConfigReloaderTests {

	private final PublishedConfigRepository repository = mock(PublishedConfigRepository.class);

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final PorticoRouteLocator locator = new PorticoRouteLocator(this.events::add);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final List<Set<String>> versionReads = new CopyOnWriteArrayList<>();

	private final ConfigReloader reloader = new ConfigReloader(
			new ConfigSource("default", this.repository, new PublishedServiceCompiler(new DefaultRouteCompiler())),
			new RouteTableFactory(), new DiscoveryEndpoints((connection) -> {
				throw new IllegalStateException("no registry in these tests");
			}, this.events::add, this.meters, "default"), this.locator, this.events::add, this.meters);

	@BeforeEach
	void noRegistries() {
		given(this.repository.findRegistries("default")).willReturn(Flux.empty());
	}

	private static PublishedServiceRow row(String serviceId, String routes) {
		String runtime = StoredFormat.writeRuntime(new RuntimeConfig(
				new NodesUpstream(List.of(new Node("127.0.0.1", 8080, 100))), List.of(), "", null, null, null));
		return new PublishedServiceRow(serviceId, runtime, serviceId + "-v", "1.0.0", serviceId, "http", routes);
	}

	private static String routes(String path) {
		return StoredFormat.writeRoutes(List.of(new RouteSpec("r", "r", List.of(path), List.of(), "", Map.of())));
	}

	// The database as the reloader reads it: rows without routes, then the routes of
	// the versions it asks for (each request recorded).
	@SafeVarargs
	private void published(List<PublishedServiceRow>... reads) {
		Map<String, String> routes = new HashMap<>();
		List<Flux<PublishedServiceRow>> heads = new ArrayList<>();
		for (List<PublishedServiceRow> read : reads) {
			read.forEach((row) -> routes.put(row.versionId(), row.routes()));
			heads.add(Flux.fromIterable(read).map(PublishedServiceRow::withoutRoutes));
		}
		given(this.repository.findPublishedServiceHeads("default")).willReturn(heads.get(0),
				heads.subList(1, heads.size()).toArray(new Flux[0]));
		given(this.repository.findVersionRoutes(any())).willAnswer((invocation) -> {
			Collection<String> ids = invocation.getArgument(0);
			this.versionReads.add(Set.copyOf(ids));
			Map<String, String> found = new HashMap<>();
			ids.forEach((id) -> found.put(id, routes.get(id)));
			return Mono.just(found);
		});
	}

	private AppliedConfig reloadAndAwait(int expectedEvents) {
		this.reloader.requestReload();
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (appliedEvents().size() < expectedEvents) {
			assertThat(System.nanoTime()).as("reload finished").isLessThan(deadline);
			Thread.onSpinWait();
		}
		return appliedEvents().get(expectedEvents - 1).getConfig();
	}

	private List<ConfigAppliedEvent> appliedEvents() {
		return this.events.stream()
			.filter(ConfigAppliedEvent.class::isInstance)
			.map(ConfigAppliedEvent.class::cast)
			.toList();
	}

	@Test
	void reload_withOneBadRow_servesTheOthersCountsAndReports() {
		given(this.repository.findRevision("default")).willReturn(Mono.just(3L));
		published(List.of(row("good", routes("/good/*")), row("bad", "not json")));

		AppliedConfig applied = reloadAndAwait(1);

		assertThat(applied.loaded()).isTrue();
		assertThat(applied.revision()).isEqualTo(3);
		assertThat(applied.status()).isEqualTo(AppliedConfig.STATUS_OK);
		assertThat(applied.errors()).singleElement()
			.satisfies((error) -> assertThat(error.serviceId()).isEqualTo("bad"));
		assertThat(this.locator.currentRoutes()).extracting(Route::getId).containsExactly("good/r/0");
		assertThat(this.meters.counter(ConfigReloader.SKIPPED_METRIC, "group", "default").count()).isEqualTo(1.0);
	}

	@Test
	void reload_whenDatabaseFails_keepsTheLastTableAndReportsError() {
		given(this.repository.findRevision("default")).willReturn(Mono.just(1L),
				Mono.error(new IllegalStateException("connection refused")));
		published(List.of(row("good", routes("/good"))));
		assertThat(reloadAndAwait(1).status()).isEqualTo(AppliedConfig.STATUS_OK);

		AppliedConfig failed = reloadAndAwait(2);

		assertThat(failed.revision()).isEqualTo(1);
		assertThat(failed.status()).isEqualTo(AppliedConfig.STATUS_ERROR);
		assertThat(failed.errors()).singleElement()
			.satisfies((error) -> assertThat(error.message()).contains("connection refused"));
		assertThat(this.locator.currentRoutes()).extracting(Route::getId).containsExactly("good/r/0");
	}

	@Test
	void reload_withUnchangedRevision_doesNotReloadRows() {
		given(this.repository.findRevision("default")).willReturn(Mono.just(5L));
		given(this.repository.findPublishedServiceHeads("default")).willReturn(Flux.just(row("a", null)),
				Flux.error(new AssertionError("rows read twice")));
		given(this.repository.findVersionRoutes(any())).willReturn(Mono.just(Map.of("a-v", routes("/a"))));
		reloadAndAwait(1);

		this.reloader.requestReload();

		assertThat(appliedEvents()).hasSize(1);
		assertThat(this.reloader.applied().revision()).isEqualTo(5);
	}

	@Test
	void reload_afterAPublishChangingOneOfThreeServices_readsTheRoutesOfThatVersionOnly() {
		given(this.repository.findRevision("default")).willReturn(Mono.just(1L), Mono.just(2L));
		PublishedServiceRow b2 = new PublishedServiceRow("b", row("b", null).runtime(), "b-v2", "1.1.0", "b", "http",
				routes("/b2"));
		published(List.of(row("a", routes("/a")), row("b", routes("/b")), row("c", routes("/c"))),
				List.of(row("a", routes("/a")), b2, row("c", routes("/c"))));
		reloadAndAwait(1);

		reloadAndAwait(2);

		assertThat(this.versionReads).containsExactly(Set.of("a-v", "b-v", "c-v"), Set.of("b-v2"));
		// The longer exact path first.
		assertThat(this.locator.currentRoutes()).extracting(Route::getId).containsExactly("b/r/0", "a/r/0", "c/r/0");
		assertThat(this.locator.currentIndex().candidates("GET", null, "/b2")).extracting(Route::getId)
			.containsExactly("b/r/0");
	}

	@Test
	void reload_whenAVersionDisappearsWhileRead_failsAndKeepsTheLastTable() {
		given(this.repository.findRevision("default")).willReturn(Mono.just(1L), Mono.just(2L));
		published(List.of(row("a", routes("/a"))));
		reloadAndAwait(1);
		willReturn(Flux.just(row("gone", null))).given(this.repository).findPublishedServiceHeads("default");
		willReturn(Mono.just(Map.of())).given(this.repository).findVersionRoutes(any());

		AppliedConfig failed = reloadAndAwait(2);

		assertThat(failed.status()).isEqualTo(AppliedConfig.STATUS_ERROR);
		assertThat(failed.revision()).isEqualTo(1);
		assertThat(this.locator.currentRoutes()).extracting(Route::getId).containsExactly("a/r/0");
	}

}

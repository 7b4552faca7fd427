package io.portico.gateway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.portico.compiler.json.StoredFormat;
import io.portico.compiler.model.RouteSpec;
import io.portico.echo.EchoServer;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Canaries over real HTTP: the gateway on a random port against two echo upstreams,
 * reading a real PostgreSQL schema that the tests publish to, and set canaries in, with
 * SQL and {@code pg_notify}, as the admin does. Each test uses its own service and paths.
 */
@GatewayHttpTest(properties = { "portico.gateway.poll-interval=30s", "portico.gateway.heartbeat-interval=30s",
		"portico.gateway.instance-id=gw-canary" })
class CanaryIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final PostgresTestSchema db = PostgresTestSchema.create("gwcanary");

	static final EchoServer baseline = EchoServer.start("127.0.0.1", 0, "baseline");

	static final EchoServer canary = EchoServer.start("127.0.0.1", 0, "canary");

	private final PublishFixture fixture = new PublishFixture(db);

	@LocalServerPort
	private int port;

	@Test
	void upstreamCanary_weight20_splits10000RequestsWithin2PercentOf80To20() {
		publishOnBaseline("split", "/split/*");
		this.fixture.canary("default", "split", upstreamCanary("\"weight\":20"), null);
		awaitServer("/split/warm", Map.of(), "canary");

		Map<String, Long> counts = servers(10_000, (i) -> "/split/" + i, Map.of());

		assertThat(counts.keySet()).containsExactlyInAnyOrder("baseline", "canary");
		assertThat(counts.get("canary")).isBetween(1800L, 2200L);
		assertThat(counts.get("baseline")).isBetween(7800L, 8200L);
	}

	@Test
	void upstreamCanary_headerCondition_sendsExactlyTheMatchingRequestsToTheCanary() {
		publishOnBaseline("cond", "/cond/*");
		this.fixture.canary("default", "cond",
				upstreamCanary("\"conditions\":{\"match\":\"all\",\"rules\":["
						+ "{\"source\":\"header\",\"name\":\"X-Canary\",\"operator\":\"equals\",\"value\":\"on\"}]}"),
				null);
		awaitServer("/cond/warm", Map.of("x-canary", "on"), "canary");

		// Header names are case-insensitive; the value is not.
		assertThat(servers(200, (i) -> "/cond/" + i, Map.of("x-canary", "on"))).containsOnly(Map.entry("canary", 200L));
		assertThat(servers(200, (i) -> "/cond/" + i, Map.of("X-Canary", "ON")))
			.containsOnly(Map.entry("baseline", 200L));
		assertThat(servers(200, (i) -> "/cond/" + i, Map.of())).containsOnly(Map.entry("baseline", 200L));
	}

	@Test
	void upstreamCanary_stickyHeader_keepsEachClientOnOneSide() {
		publishOnBaseline("sticky", "/sticky/*");
		this.fixture.canary("default", "sticky",
				upstreamCanary("\"weight\":50,\"sticky\":{\"source\":\"header\",\"name\":\"X-User\"}"), null);
		awaitServer("/sticky/warm", Map.of(), "canary");

		int onCanary = 0;
		for (int client = 0; client < 40; client++) {
			Map<String, Long> counts = servers(5, (i) -> "/sticky/" + i, Map.of("X-User", "user-" + client));
			assertThat(counts).as("client %d", client).hasSize(1);
			onCanary += counts.containsKey("canary") ? 1 : 0;
		}
		assertThat(onCanary).isBetween(8, 32);
	}

	@Test
	void versionCanary_canaryOnlyRouteServedToTheCanaryShareAndSharedRouteByBoth() {
		publishOnBaseline("ver", "/ver-shared/*");
		String canaryRoutes = StoredFormat
			.writeRoutes(List.of(route("r-shared", "shared", "/ver-shared/*"), route("r-new", "new", "/ver-new/*")));
		String versionId = this.fixture.publishHistory("default", "ver", "1.1.0", canaryRoutes,
				PublishFixture.runtime(List.of(PublishFixture.node(baseline.port(), 100))));
		this.fixture.canary("default", "ver",
				"{\"weight\":30,\"version\":\"1.1.0\",\"version_id\":\"" + versionId + "\"}", versionId);
		awaitStatus("/ver-new/warm", 200);

		Map<Integer, Long> newRoute = statuses(1000, (i) -> "/ver-new/" + i);
		Map<Integer, Long> sharedRoute = statuses(200, (i) -> "/ver-shared/" + i);

		assertThat(newRoute.keySet()).containsExactlyInAnyOrder(200, 404);
		assertThat(newRoute.get(200)).isBetween(280L, 320L);
		assertThat(sharedRoute).containsOnly(Map.entry(200, 200L));
	}

	@Test
	void badCanary_baselineKeepsServingAndTheErrorIsReported() {
		publishOnBaseline("badcanary", "/badcanary/*");
		long revision = this.fixture.canary("default", "badcanary",
				"{\"weight\":20,\"upstream\":{\"nodes\":[{\"host\":\"127.0.0.1\",\"port\":0}]},\"bogus\":1}", null);
		Map<String, Object> row = awaitInstanceRevision(revision);

		assertThat(servers(50, (i) -> "/badcanary/" + i, Map.of())).containsOnly(Map.entry("baseline", 50L));
		assertThat(row.get("config_status")).isEqualTo("ok");
		JsonNode error = JSON.readTree((String) row.get("config_errors"))
			.valueStream()
			.filter((e) -> e.get("service_id").stringValue().equals("badcanary"))
			.findFirst()
			.orElseThrow();
		assertThat(error.get("message").stringValue()).contains("canary not applied").contains("canary.bogus");
	}

	@Test
	void removeCanary_allRequestsOnTheBaselineWithin1s() {
		publishOnBaseline("abort", "/abort/*");
		this.fixture.canary("default", "abort", upstreamCanary("\"weight\":100"), null);
		awaitServer("/abort/warm", Map.of(), "canary");

		this.fixture.canary("default", "abort", null, null);
		long started = System.nanoTime();
		awaitServer("/abort/x", Map.of(), "baseline");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
		assertThat(servers(100, (i) -> "/abort/" + i, Map.of())).containsOnly(Map.entry("baseline", 100L));
	}

	private void publishOnBaseline(String serviceId, String path) {
		this.fixture.publish("default", serviceId, "1.0.0", PublishFixture.routes(path, "GET"),
				PublishFixture.runtime(List.of(PublishFixture.node(baseline.port(), 100))));
	}

	private static String upstreamCanary(String fields) {
		return "{" + fields + ",\"upstream\":{\"nodes\":[{\"host\":\"127.0.0.1\",\"port\":" + canary.port()
				+ ",\"weight\":100}]}}";
	}

	private static RouteSpec route(String id, String name, String path) {
		return new RouteSpec(id, name, List.of(path), List.of("GET"), "", Map.of());
	}

	private HttpClient http(Map<String, String> headers) {
		return HttpClient.create().baseUrl("http://localhost:" + this.port).headers((h) -> headers.forEach(h::set));
	}

	// How many of n requests each upstream served (by X-Echo-Server; "none" for a
	// gateway answer).
	private Map<String, Long> servers(int n, Function<Integer, String> path, Map<String, String> headers) {
		HttpClient http = http(headers);
		Flux<String> servers = Flux.range(0, n)
			.flatMap(
					(i) -> http.get()
						.uri(path.apply(i))
						.responseSingle(
								(response,
										body) -> body.asString()
											.defaultIfEmpty("")
											.map((ignored) -> String
												.valueOf(response.responseHeaders().get(EchoServer.SERVER_HEADER)))),
					32);
		AtomicReference<Map<String, Long>> result = new AtomicReference<>();
		StepVerifier.create(servers.collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
			.consumeNextWith(result::set)
			.expectComplete()
			.verify(Duration.ofSeconds(60));
		return result.get();
	}

	private Map<Integer, Long> statuses(int n, Function<Integer, String> path) {
		HttpClient http = http(Map.of());
		Flux<Integer> statuses = Flux.range(0, n)
			.flatMap(
					(i) -> http.get()
						.uri(path.apply(i))
						.responseSingle((response,
								body) -> body.asString().defaultIfEmpty("").map((ignored) -> response.status().code())),
					32);
		AtomicReference<Map<Integer, Long>> result = new AtomicReference<>();
		StepVerifier.create(statuses.collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
			.consumeNextWith(result::set)
			.expectComplete()
			.verify(Duration.ofSeconds(60));
		return result.get();
	}

	private void awaitServer(String path, Map<String, String> headers, String server) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		Map<String, Long> last = Map.of();
		while (System.nanoTime() < deadline) {
			last = servers(1, (i) -> path, headers);
			if (last.containsKey(server)) {
				return;
			}
			PublishFixture.pause(5);
		}
		assertThat(last).as("server of %s", path).containsKey(server);
	}

	private void awaitStatus(String path, int status) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		Map<Integer, Long> last = Map.of();
		while (System.nanoTime() < deadline) {
			last = statuses(1, (i) -> path);
			if (last.containsKey(status)) {
				return;
			}
			PublishFixture.pause(5);
		}
		assertThat(last).as("status of %s", path).containsKey(status);
	}

	private Map<String, Object> awaitInstanceRevision(long revision) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		Map<String, Object> row = instanceRow();
		while (row == null || (long) row.get("config_revision") < revision) {
			assertThat(System.nanoTime()).as("heartbeat with revision %d", revision).isLessThan(deadline);
			PublishFixture.pause(20);
			row = instanceRow();
		}
		return row;
	}

	private Map<String, Object> instanceRow() {
		try (Connection connection = db.connect();
				PreparedStatement select = connection.prepareStatement(
						"select config_revision, config_status, config_errors from gateway_instance where id = 'gw-canary'");
				ResultSet rows = select.executeQuery()) {
			if (!rows.next()) {
				return null;
			}
			return Map.of("config_revision", rows.getLong(1), "config_status", rows.getString(2), "config_errors",
					rows.getString(3));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package io.portico.gateway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.portico.compiler.model.PassHost;
import io.portico.compiler.model.Timeouts;
import io.portico.echo.EchoServer;
import io.portico.gateway.route.PorticoRoutePredicateHandlerMapping;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway over real HTTP on a random port, against echo upstreams, reading a real
 * PostgreSQL schema that the tests publish to with SQL and {@code pg_notify}.
 *
 * <p>
 * The revision poll is slowed to 30 s here, so every "served within 1 s" assertion proves
 * the LISTEN/NOTIFY path. Tests publish distinct services and paths, so they do not
 * depend on each other's order. The actuator and the ports are covered by
 * {@link ManagementPortIntegrationTests}.
 */
@GatewayHttpTest(properties = { "portico.gateway.poll-interval=30s", "portico.gateway.heartbeat-interval=30s",
		"portico.gateway.instance-id=gw-it" })
class GatewayIntegrationTests {

	private static final Duration PROPAGATION = Duration.ofSeconds(1);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final PostgresTestSchema db = PostgresTestSchema.create("gw");

	static final EchoServer nodeA = EchoServer.start("127.0.0.1", 0, "node-a");

	static final EchoServer nodeB = EchoServer.start("127.0.0.1", 0, "node-b");

	private final PublishFixture fixture = new PublishFixture(db);

	@LocalServerPort
	private int port;

	@Autowired
	private PorticoGatewayProperties properties;

	@Autowired
	private RoutePredicateHandlerMapping handlerMapping;

	private WebTestClient client() {
		return GatewayHttp.client(this.port);
	}

	@Test
	void tutorial_publishedAnythingRoute_echoesWithForwardedHostAndClientHost() {
		this.fixture.publish("default", "httpbin", "1.0.0", PublishFixture.routes("/anything/*", "GET"),
				PublishFixture.runtime(List.of(PublishFixture.node(nodeA.port(), 100))));
		awaitStatus("/anything/publish", 200);

		JsonNode echo = getJson("/anything/publish?x=1");
		assertThat(echo.get("method").stringValue()).isEqualTo("GET");
		assertThat(echo.get("url").stringValue()).endsWith("/anything/publish?x=1");
		assertThat(echo.get("args").get("x").stringValue()).isEqualTo("1");
		assertThat(echo.get("headers").get("Host").stringValue()).isEqualTo("localhost:" + this.port);
		assertThat(echo.get("headers").get("X-Forwarded-Host").stringValue()).isEqualTo("localhost:" + this.port);
		assertThat(echo.get("headers").get("X-Forwarded-Proto").stringValue()).isEqualTo("http");
		assertThat(echo.get("headers").has("X-Forwarded-For")).isTrue();
		// X-Forwarded-* only, as APISIX and nginx send (Forwarded is off by default).
		assertThat(echo.get("headers").has("Forwarded")).isFalse();
	}

	@Test
	void routeLookup_isTheIndexedMapping_andItsIndexHoldsThePublishedRoute() {
		this.fixture.publish("default", "indexed", "1.0.0", PublishFixture.routes("/indexed/*", "GET"),
				PublishFixture.runtime(List.of(PublishFixture.node(nodeA.port(), 100))));
		awaitStatus("/indexed/x", 200);

		assertThat(this.handlerMapping).isInstanceOfSatisfying(PorticoRoutePredicateHandlerMapping.class,
				(mapping) -> assertThat(mapping.currentIndex().candidates("GET", "localhost", "/indexed/x"))
					.extracting(Route::getId)
					.singleElement()
					.asString()
					.startsWith("indexed/"));
	}

	@Test
	void routeWithParametersWithinASegment_servesOnlyPathsWithItsLiteralText() {
		this.fixture.publish("default", "files", "1.0.0", PublishFixture.routes("/files/{name}.{ext}", "GET"),
				PublishFixture.runtime(List.of(PublishFixture.node(nodeA.port(), 100))));
		awaitStatus("/files/report.pdf", 200);

		assertThat(getJson("/files/report.pdf").get("url").stringValue()).endsWith("/files/report.pdf");
		client().get().uri("/files/report").exchange().expectStatus().isNotFound();
	}

	@Test
	void tutorial_methodNotPublished_returns404() {
		this.fixture.publish("default", "httpbin-get", "1.0.0", PublishFixture.routes("/get-only/*", "GET"),
				PublishFixture.runtime(List.of(PublishFixture.node(nodeA.port(), 100))));
		awaitStatus("/get-only/x", 200);

		client().post().uri("/get-only/x").exchange().expectStatus().isNotFound();
		client().get().uri("/get-only").exchange().expectStatus().isNotFound();
	}

	@Test
	void publish_newVersionWithChangedRoute_isServedWithin1sAndOldPathIsGone() {
		String runtime = PublishFixture.runtime(List.of(PublishFixture.node(nodeA.port(), 100)));
		this.fixture.publish("default", "versioned", "1.0.0", PublishFixture.routes("/v-one/*", "GET"), runtime);
		awaitStatus("/v-one/x", 200);

		this.fixture.publish("default", "versioned", "1.1.0", PublishFixture.routes("/v-two/*", "GET"), runtime);
		long started = System.nanoTime();
		awaitStatus("/v-two/x", 200);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROPAGATION);
		client().get().uri("/v-one/x").exchange().expectStatus().isNotFound();
	}

	@Test
	void heartbeat_afterReload_showsTheAppliedRevisionWithin1s() {
		long revision = this.fixture.publish("default", "heartbeat-svc", "1.0.0",
				PublishFixture.routes("/heartbeat-svc/*"),
				PublishFixture.runtime(List.of(PublishFixture.node(nodeA.port(), 100))));
		long deadline = System.nanoTime() + PROPAGATION.toNanos();
		Map<String, Object> row = instanceRow();
		while (row == null || (long) row.get("config_revision") < revision) {
			assertThat(System.nanoTime()).as("heartbeat with revision %d within 1 s", revision).isLessThan(deadline);
			PublishFixture.pause(20);
			row = instanceRow();
		}
		assertThat(row.get("gateway_group_id")).isEqualTo("default");
		assertThat((String) row.get("address")).endsWith(":" + this.port);
		assertThat((String) row.get("software_version")).isNotEmpty();
	}

	@Test
	void groupIsolation_rowOfGroupTest_isNotServedByDefaultGateway() {
		this.fixture.createGroup("test");
		String runtime = PublishFixture.runtime(List.of(PublishFixture.node(nodeA.port(), 100)));
		this.fixture.publish("test", "isolated", "1.0.0", PublishFixture.routes("/iso-test/*"), runtime);
		this.fixture.publish("default", "isolation-marker", "1.0.0", PublishFixture.routes("/iso-default/*"), runtime);
		awaitStatus("/iso-default/x", 200);

		client().get().uri("/iso-test/x").exchange().expectStatus().isNotFound();
		assertThat(this.properties.group()).isEqualTo("default");
	}

	@Test
	void weightedNodes_100And300_split4000RequestsWithin5PercentOf1To3() {
		this.fixture.publish("default", "weighted", "1.0.0", PublishFixture.routes("/weighted/*"), PublishFixture
			.runtime(List.of(PublishFixture.node(nodeA.port(), 100), PublishFixture.node(nodeB.port(), 300))));
		awaitStatus("/weighted/x", 200);

		HttpClient http = HttpClient.create().baseUrl("http://localhost:" + this.port);
		Flux<String> servers = Flux.range(0, 4000)
			.flatMap(
					(i) -> http.get()
						.uri("/weighted/" + i)
						.responseSingle(
								(response,
										body) -> body.asString()
											.defaultIfEmpty("")
											.map((ignored) -> String
												.valueOf(response.responseHeaders().get(EchoServer.SERVER_HEADER)))),
					32);
		StepVerifier.create(servers.collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
			.assertNext((counts) -> {
				assertThat(counts.keySet()).containsExactlyInAnyOrder("node-a", "node-b");
				assertThat(counts.get("node-a")).isBetween(950L, 1050L);
				assertThat(counts.get("node-b")).isBetween(2950L, 3050L);
			})
			.expectComplete()
			.verify(Duration.ofSeconds(60));
	}

	@Test
	void badRows_brokenJsonAndUncompilableRoute_areSkippedReportedAndOthersKeepServing() {
		String runtime = PublishFixture.runtime(List.of(PublishFixture.node(nodeA.port(), 100)));
		this.fixture.publish("default", "survivor", "1.0.0", PublishFixture.routes("/survivor/*"), runtime);
		this.fixture.publish("default", "broken-json", "1.0.0", "[{\"id\": ", runtime);
		long revision = this.fixture.publish("default", "broken-route", "2.0.0",
				PublishFixture.routes("no-leading-slash"), runtime);
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		Map<String, Object> row = instanceRow();
		while (row == null || (long) row.get("config_revision") < revision) {
			assertThat(System.nanoTime()).isLessThan(deadline);
			PublishFixture.pause(20);
			row = instanceRow();
		}

		client().get().uri("/survivor/x").exchange().expectStatus().isOk();
		assertThat(row.get("config_status")).isEqualTo("ok");
		JsonNode errors = JSON.readTree((String) row.get("config_errors"));
		assertThat(errors.valueStream().map((e) -> e.get("service_id").stringValue())).contains("broken-json",
				"broken-route");
		JsonNode brokenRoute = errors.valueStream()
			.filter((e) -> e.get("service_id").stringValue().equals("broken-route"))
			.findFirst()
			.orElseThrow();
		assertThat(brokenRoute.get("version").stringValue()).isEqualTo("2.0.0");
		assertThat(brokenRoute.get("message").stringValue()).contains("paths[0]");
	}

	@Test
	void passHostNode_sendsTheNodeHostAndPort() {
		this.fixture.publish("default", "pass-node", "1.0.0", PublishFixture.routes("/pass-node/*"),
				PublishFixture.runtime(List.of(PublishFixture.node(nodeA.port(), 100)), PassHost.NODE, null, null));
		awaitStatus("/pass-node/x", 200);

		JsonNode echo = getJson("/pass-node/x");
		assertThat(echo.get("headers").get("Host").stringValue()).isEqualTo("127.0.0.1:" + nodeA.port());
		assertThat(echo.get("headers").get("X-Forwarded-Host").stringValue()).isEqualTo("localhost:" + this.port);
	}

	@Test
	void passHostRewrite_sendsUpstreamHostAndKeepsForwardedHost() {
		this.fixture.publish("default", "pass-rewrite", "1.0.0", PublishFixture.routes("/pass-rewrite/*"),
				PublishFixture.runtime(List.of(PublishFixture.node(nodeA.port(), 100)), PassHost.REWRITE,
						"internal.example", null));
		awaitStatus("/pass-rewrite/x", 200);

		JsonNode echo = getJson("/pass-rewrite/x");
		assertThat(echo.get("headers").get("Host").stringValue()).isEqualTo("internal.example");
		assertThat(echo.get("headers").get("X-Forwarded-Host").stringValue()).isEqualTo("localhost:" + this.port);
	}

	@Test
	void readTimeout_1sAgainstDelay3_returns504() {
		this.fixture.publish("default", "slow", "1.0.0", PublishFixture.routes("/delay/*"),
				PublishFixture.runtime(List.of(PublishFixture.node(nodeA.port(), 100)), PassHost.PASS, null,
						new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))));
		awaitStatus("/delay/0", 200);

		long started = System.nanoTime();
		client().get().uri("/delay/3").exchange().expectStatus().isEqualTo(504);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
	}

	@Test
	void refusedConnection_returns502() {
		// Nothing listens on port 1: the connection is refused at once, a
		// ConnectException
		// that UpstreamGlobalFilter answers with 502 (504 is for a connect timeout, 503
		// for
		// a service without an available node).
		this.fixture.publish("default", "dead", "1.0.0", PublishFixture.routes("/dead/*"),
				PublishFixture.runtime(List.of(PublishFixture.node(1, 100))));
		awaitStatus("/dead/x", 502);
	}

	private JsonNode getJson(String path) {
		EntityExchangeResult<byte[]> result = client().get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		return JSON.readTree(result.getResponseBody());
	}

	private void awaitStatus(String path, int... expected) {
		GatewayHttp.awaitStatus(client(), path, Duration.ofSeconds(5), 10, "status of " + path, expected);
	}

	private Map<String, Object> instanceRow() {
		try (Connection connection = db.connect();
				PreparedStatement select = connection.prepareStatement("select gateway_group_id, address,"
						+ " software_version, config_revision, config_status, config_errors from gateway_instance"
						+ " where id = 'gw-it'");
				ResultSet rows = select.executeQuery()) {
			if (!rows.next()) {
				return null;
			}
			return Map.of("gateway_group_id", rows.getString(1), "address", rows.getString(2), "software_version",
					rows.getString(3), "config_revision", rows.getLong(4), "config_status", rows.getString(5),
					"config_errors", rows.getString(6));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package io.portico.gateway;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portico.echo.EchoServer;
import io.portico.gateway.sync.ConfigReloader;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.filter.headers.observation.ObservedRequestHttpHeadersFilter;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.portico.testsupport.LocalHost.freePort;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's two ports over real HTTP: the proxy port proxies every path and serves
 * nothing of its own (no actuator, no static files); the management port serves the
 * health probes. Per-request observations are off unless both properties turn them on.
 *
 * <p>
 * {@code RANDOM_PORT} would give the management server port 0 as well. Each context gets
 * a free fixed port instead, as in production: Spring Cloud Gateway's handler mapping
 * declines requests on {@code management.server.port} only when that is a real port, and
 * the management server, a child context, would otherwise find the gateway's handler
 * mapping in its parent and proxy too.
 */
@GatewayHttpTest(properties = { "portico.gateway.poll-interval=200ms", "portico.gateway.heartbeat-interval=30s" })
class ManagementPortIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final PostgresTestSchema db = PostgresTestSchema.create("gw_mgmt");

	static final EchoServer upstream = EchoServer.start("127.0.0.1", 0, "upstream");

	private final PublishFixture fixture = new PublishFixture(db);

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private ApplicationContext context;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		int managementPort = freePort();
		registry.add("management.server.port", () -> managementPort);
	}

	@Test
	void readiness_afterFirstLoad_isUpOnTheManagementPort() {
		assertThat(this.managementPort).isPositive().isNotEqualTo(this.port);
		awaitStatus(this.managementPort, "/actuator/health/readiness", 200);

		GatewayHttp.expectReady(client(this.managementPort));
		client(this.managementPort).get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
	}

	@Test
	void actuator_onTheProxyPort_isNotServed() {
		awaitStatus(this.managementPort, "/actuator/health/readiness", 200);

		for (String path : List.of("/actuator/health/readiness", "/actuator/health/liveness", "/actuator/health",
				"/actuator/info", "/actuator")) {
			client(this.port).get().uri(path).exchange().expectStatus().isNotFound();
		}
	}

	@Test
	void actuatorGatewayRoutesAndEnv_areNotExposedOnEitherPort() {
		for (int candidate : new int[] { this.port, this.managementPort }) {
			client(candidate).get().uri("/actuator/gateway/routes").exchange().expectStatus().isNotFound();
			client(candidate).get().uri("/actuator/env").exchange().expectStatus().isNotFound();
		}
	}

	@Test
	void publishedRouteUnderActuator_isProxiedOnTheProxyPortOnly() {
		this.fixture.publish("default", "under-actuator", "1.0.0",
				PublishFixture.routes("/actuator/published/*", "GET"),
				PublishFixture.runtime(List.of(PublishFixture.node(upstream.port(), 100))));
		awaitStatus(this.port, "/actuator/published/x", 200);

		byte[] body = client(this.port).get()
			.uri("/actuator/published/x")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		JsonNode echo = JSON.readTree(body);
		assertThat(echo.get("url").stringValue()).endsWith("/actuator/published/x");
		client(this.managementPort).get().uri("/actuator/published/x").exchange().expectStatus().isNotFound();
	}

	@Test
	void staticResourceOnTheClasspath_isNotServed() {
		assertThat(new ClassPathResource("static/probe.txt").exists()).isTrue();
		awaitStatus(this.managementPort, "/actuator/health/readiness", 200);

		client(this.port).get().uri("/probe.txt").exchange().expectStatus().isNotFound();
		client(this.port).get().uri("/static/probe.txt").exchange().expectStatus().isNotFound();
	}

	@Test
	void perRequestObservations_areOffByDefault_andPorticoCountersStay() {
		this.fixture.publish("default", "unobserved", "1.0.0", PublishFixture.routes("/unobserved/*", "GET"),
				PublishFixture.runtime(List.of(PublishFixture.node(upstream.port(), 100))));
		awaitStatus(this.port, "/unobserved/x", 200);
		client(this.port).get().uri("/unobserved/y").exchange().expectStatus().isOk();
		client(this.port).get().uri("/unobserved-404").exchange().expectStatus().isNotFound();

		assertThat(this.context.getBeanProvider(ObservedRequestHttpHeadersFilter.class).getIfAvailable()).isNull();
		assertThat(this.meters.find("http.server.requests").meters()).isEmpty();
		assertThat(this.meters.find("http.client.requests").meters()).isEmpty();
		// Every row published here is valid: the counters are registered and count
		// nothing.
		assertThat(this.meters.find(ConfigReloader.SKIPPED_METRIC).counter()).isNotNull()
			.extracting(Counter::count)
			.isEqualTo(0.0);
		assertThat(this.meters.find(ConfigReloader.CANARY_SKIPPED_METRIC).counter()).isNotNull()
			.extracting(Counter::count)
			.isEqualTo(0.0);
	}

	/**
	 * The two properties of docs/deployment.md, "Metrics", switch per-request metrics
	 * back on.
	 */
	@Nested
	@TestPropertySource(properties = { "management.observations.enable.http.server.requests=true",
			"spring.cloud.gateway.server.webflux.observability.enabled=true" })
	class WithPerRequestObservationsOn {

		@LocalServerPort
		private int port;

		@Autowired
		private MeterRegistry meters;

		@Test
		void proxiedRequest_isRecordedAsServerAndGatewayObservations() {
			fixture.publish("default", "observed", "1.0.0", PublishFixture.routes("/observed/*", "GET"),
					PublishFixture.runtime(List.of(PublishFixture.node(upstream.port(), 100))));
			awaitStatus(this.port, "/observed/x", 200);

			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while ((this.meters.find("http.server.requests").timer() == null
					|| this.meters.find("http.client.requests").timer() == null) && System.nanoTime() < deadline) {
				PublishFixture.pause(20);
			}
			assertThat(this.meters.find("http.server.requests").timers()).isNotEmpty()
				.allSatisfy((timer) -> assertThat(timer.count()).isPositive());
			assertThat(this.meters.find("http.client.requests").timers()).isNotEmpty()
				.allSatisfy((timer) -> assertThat(timer.count()).isPositive());
		}

	}

	private static WebTestClient client(int port) {
		return GatewayHttp.client(port);
	}

	private static void awaitStatus(int port, String path, int expected) {
		GatewayHttp.awaitStatus(client(port), path, Duration.ofSeconds(10), 20,
				String.format("status of %s on port %d", path, port), expected);
	}

}

package io.portico.gateway;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.portico.echo.EchoServer;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.portico.testsupport.LocalHost.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real gateway application connected to PostgreSQL as the account that
 * {@code db/gateway-account.sql} creates, not as the owner: it loads and serves what the
 * owner publishes, follows a new publish through {@code LISTEN} (the revision poll is
 * slowed to 30 s), reports ready, and inserts then updates its heartbeat row. What the
 * account may not do is {@link GatewayAccountScriptTests}.
 *
 * <p>
 * The gateway is started and closed here rather than by the Spring test framework, so
 * that it is gone before its role is dropped. Tests publish distinct services and paths.
 */
class GatewayDatabaseAccountTests {

	private static final Duration FOLLOW = Duration.ofSeconds(5);

	static final PostgresTestSchema db = PostgresTestSchema.create("gw_acct");

	static final GatewayAccount account = GatewayAccount.create(db);

	static final EchoServer upstream = EchoServer.start("127.0.0.1", 0, "upstream");

	static final String instanceId = "gw-acct-" + UUID.randomUUID();

	private static ConfigurableApplicationContext gateway;

	private final PublishFixture fixture = new PublishFixture(db);

	@BeforeAll
	static void startGateway() {
		gateway = new SpringApplicationBuilder(GatewayApplication.class).run("--server.port=0",
				"--management.server.port=" + freePort(), "--spring.r2dbc.url=" + db.r2dbcUrl(),
				"--spring.r2dbc.username=" + account.role(), "--spring.r2dbc.password=" + account.password(),
				"--portico.gateway.group=default", "--portico.gateway.instance-id=" + instanceId,
				"--portico.gateway.poll-interval=30s", "--portico.gateway.heartbeat-interval=500ms");
	}

	@AfterAll
	static void close() {
		try {
			if (gateway != null) {
				gateway.close();
			}
			upstream.close();
			account.close();
		}
		finally {
			db.close();
		}
	}

	@Test
	void databaseClient_isConnectedAsTheGatewayAccount_notTheOwner() {
		DatabaseClient client = gateway.getBean(DatabaseClient.class);

		StepVerifier.create(client.sql("select current_user").map((row) -> row.get(0, String.class)).one())
			.assertNext((user) -> assertThat(user).isEqualTo(account.role()).isNotEqualTo(db.username()))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void readiness_asTheGatewayAccount_isUpOnceTheGroupIsLoaded() {
		int management = gateway.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> status(management, "/actuator/health/readiness") == 200);
		GatewayHttp.expectReady(client(management));
	}

	@Test
	void publishedRoute_asTheGatewayAccount_reachesTheUpstream() {
		this.fixture.publish("default", "acct-served", "1.0.0", PublishFixture.routes("/acct-served/*", "GET"),
				PublishFixture.runtime(List.of(PublishFixture.node(upstream.port(), 100))));

		await().atMost(Duration.ofSeconds(10)).until(() -> status(port(), "/acct-served/x") == 200);
		client(port()).get()
			.uri("/acct-served/x")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(EchoServer.SERVER_HEADER, "upstream");
	}

	@Test
	void newPublish_asTheGatewayAccount_isFollowedThroughListenAndTheOldPathIsGone() {
		String runtime = PublishFixture.runtime(List.of(PublishFixture.node(upstream.port(), 100)));
		this.fixture.publish("default", "acct-followed", "1.0.0", PublishFixture.routes("/acct-one/*", "GET"), runtime);
		await().atMost(Duration.ofSeconds(10)).until(() -> status(port(), "/acct-one/x") == 200);

		this.fixture.publish("default", "acct-followed", "1.1.0", PublishFixture.routes("/acct-two/*", "GET"), runtime);

		await().atMost(FOLLOW).until(() -> status(port(), "/acct-two/x") == 200);
		client(port()).get().uri("/acct-one/x").exchange().expectStatus().isNotFound();
	}

	@Test
	void heartbeat_asTheGatewayAccount_insertsItsRowThenUpdatesIt() {
		long revision = this.fixture.publish("default", "acct-heartbeat", "1.0.0",
				PublishFixture.routes("/acct-heartbeat/*"),
				PublishFixture.runtime(List.of(PublishFixture.node(upstream.port(), 100))));

		await().atMost(FOLLOW).untilAsserted(() -> {
			String applied = this.fixture.instanceColumn(instanceId, "config_revision");
			assertThat(applied).as("the row's applied revision").isNotNull();
			assertThat(Long.parseLong(applied)).isGreaterThanOrEqualTo(revision);
		});
		assertThat(this.fixture.instanceColumn(instanceId, "gateway_group_id")).isEqualTo("default");
		assertThat(this.fixture.instanceColumn(instanceId, "config_status")).isEqualTo("ok");
		BigDecimal first = heartbeatEpoch();
		await().atMost(FOLLOW).untilAsserted(() -> assertThat(heartbeatEpoch()).isGreaterThan(first));
	}

	private BigDecimal heartbeatEpoch() {
		return new BigDecimal(this.fixture.instanceColumn(instanceId, "extract(epoch from last_heartbeat_at)"));
	}

	private static int status(int port, String path) {
		return GatewayHttp.status(client(port), path);
	}

	private static int port() {
		return gateway.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static WebTestClient client(int port) {
		return GatewayHttp.client(port, Duration.ofSeconds(5));
	}

}

package io.portico.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.portico.echo.EchoServer;
import io.portico.gateway.snapshot.SnapshotStore;
import io.portico.testsupport.PostgresTestSchema;
import io.portico.testsupport.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.portico.testsupport.LocalHost.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway restarting while its database is unreachable (a TCP proxy between it and
 * PostgreSQL is cut; the shared server keeps running): it serves the last revision it
 * applied from its local snapshot within 5 s of start, ready with a {@code snapshot}
 * detail, and converges when the database returns; with the newest snapshot file
 * corrupted it serves the previous generation; with both corrupted it is not ready until
 * the database answers.
 */
@ExtendWith(GatewayTestResources.class)
class GatewaySnapshotIntegrationTests {

	static final PostgresTestSchema db = PostgresTestSchema.create("gw_snapshot");

	static final TcpProxy proxy = TcpProxy.start("127.0.0.1", 5432);

	static final EchoServer upstream = EchoServer.start("127.0.0.1", 0, "upstream");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path snapshots;

	@TempDir
	Path firstSnapshots;

	private final PublishFixture fixture = new PublishFixture(db);

	// Closed together at the end: closing one application context in this JVM disposes
	// Reactor Netty's shared resources, which the others use (a real restart is a new
	// process).
	private final List<Gateway> gateways = new ArrayList<>();

	@AfterEach
	void closeGateways() {
		proxy.restore();
		this.gateways.forEach(Gateway::close);
	}

	@Test
	void restartDuringAnOutage_servesTheSnapshot_thenConvergesWhenTheDatabaseReturns() throws Exception {
		String runtime = PublishFixture.runtime(List.of(PublishFixture.node(upstream.port(), 100)));
		// The first gateway writes its own directory, which the next ones start from:
		// it keeps running (and writing) to the end.
		Gateway first = start(this.firstSnapshots);
		this.fixture.publish("default", "snap-a", "1.0.0", PublishFixture.routes("/snap-a/*", "GET"), runtime);
		await().atMost(Duration.ofSeconds(10)).until(() -> first.status("/snap-a/x") == 200);
		SnapshotStore written = new SnapshotStore(this.firstSnapshots, "default");
		await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(written.newestFile()));
		SnapshotStore store = new SnapshotStore(this.snapshots, "default");
		Files.copy(written.newestFile(), store.newestFile());

		proxy.cut();
		long started = System.nanoTime();
		Gateway second = start();
		await().atMost(Duration.ofSeconds(5)).until(() -> second.status("/snap-a/x") == 200);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		JsonNode readiness = second.readiness();
		assertThat(readiness.get("status").asString()).isEqualTo("UP");
		assertThat(readiness.at("/components/config/details/source").asString()).isEqualTo("snapshot");

		// Published while the gateways cannot see it; nor can they write their rows.
		this.fixture.publish("default", "snap-b", "1.0.0", PublishFixture.routes("/snap-b/*", "GET"), runtime);
		assertThat(second.status("/snap-b/x")).isEqualTo(404);
		proxy.restore();

		await().atMost(Duration.ofSeconds(10)).until(() -> second.status("/snap-b/x") == 200);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(second.readiness().at("/components/config/details/source").asString())
				.isEqualTo("database"));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> String.valueOf(this.fixture.revision("default"))
				.equals(this.fixture.instanceColumn(second.instanceId, "config_revision")));

		// The newest file now holds both services, the previous generation snap-a only.
		await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(store.newestFile()).contains("snap-b"));
		byte[] newest = Files.readAllBytes(store.newestFile());
		newest[newest.length / 2] ^= 0x20;
		Files.write(store.newestFile(), newest);
		proxy.cut();
		Gateway third = start();
		await().atMost(Duration.ofSeconds(5)).until(() -> third.status("/snap-a/x") == 200);
		assertThat(third.status("/snap-b/x")).isEqualTo(404);

		Files.writeString(store.previousFile(), "corrupted");
		Files.writeString(store.newestFile(), "corrupted");
		Gateway fourth = start();
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.until(() -> fourth.readinessStatus() == 503 && fourth.status("/snap-a/x") == 404);
		proxy.restore();
		await().atMost(Duration.ofSeconds(10)).until(() -> fourth.readinessStatus() == 200);
		assertThat(fourth.status("/snap-b/x")).isEqualTo(200);
	}

	private Gateway start() {
		return start(this.snapshots);
	}

	private Gateway start(Path directory) {
		Gateway gateway = Gateway.start(directory);
		this.gateways.add(gateway);
		return gateway;
	}

	/** One gateway process's application, on the proxied database. */
	private static final class Gateway implements AutoCloseable {

		private final ConfigurableApplicationContext context;

		private final int managementPort;

		private final String instanceId;

		private Gateway(ConfigurableApplicationContext context, int managementPort, String instanceId) {
			this.context = context;
			this.managementPort = managementPort;
			this.instanceId = instanceId;
		}

		static Gateway start(Path snapshots) {
			int management = freePort();
			String instanceId = "gw-snap-" + UUID.randomUUID();
			String url = db.r2dbcUrl().replace(":5432/", ":" + proxy.port() + "/");
			ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class).run(
					"--server.port=0", "--management.server.port=" + management, "--spring.r2dbc.url=" + url,
					"--spring.r2dbc.username=postgres", "--spring.r2dbc.password=", "--portico.gateway.group=default",
					"--portico.gateway.instance-id=" + instanceId, "--portico.gateway.poll-interval=200ms",
					"--portico.gateway.heartbeat-interval=500ms", "--portico.gateway.snapshot.dir=" + snapshots);
			return new Gateway(context, management, instanceId);
		}

		int status(String path) {
			int port = this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			return GatewayHttp.status(GatewayHttp.client(port), path);
		}

		int readinessStatus() {
			return GatewayHttp.status(GatewayHttp.client(this.managementPort), "/actuator/health/readiness");
		}

		JsonNode readiness() {
			byte[] body = GatewayHttp.client(this.managementPort)
				.get()
				.uri("/actuator/health/readiness")
				.exchange()
				.expectBody()
				.returnResult()
				.getResponseBody();
			return JSON.readTree(body);
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}

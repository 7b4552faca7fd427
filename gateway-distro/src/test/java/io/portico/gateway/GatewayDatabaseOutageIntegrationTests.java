package io.portico.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.portico.echo.EchoServer;
import io.portico.testsupport.PostgresTestSchema;
import io.portico.testsupport.TcpProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.portico.testsupport.LocalHost.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database cut for 15 s in the middle of 30 s of steady load through a gateway (a TCP
 * proxy between the gateway and PostgreSQL is cut; the shared server keeps running): not
 * one proxied request fails, and a publish made after the database returns is served
 * within 2 s.
 */
@ExtendWith(GatewayTestResources.class)
class GatewayDatabaseOutageIntegrationTests {

	static final PostgresTestSchema db = PostgresTestSchema.create("gw_outage");

	static final TcpProxy proxy = TcpProxy.start("127.0.0.1", 5432);

	static final EchoServer upstream = EchoServer.start("127.0.0.1", 0, "upstream");

	@Test
	void databaseCutUnderLoad_failsNoRequest_andAPublishAfterItsReturnIsServedWithin2s() throws Exception {
		PublishFixture fixture = new PublishFixture(db);
		String runtime = PublishFixture.runtime(List.of(PublishFixture.node(upstream.port(), 100)));
		ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
				"--server.port=0", "--management.server.port=" + freePort(),
				"--spring.r2dbc.url=" + db.r2dbcUrl().replace(":5432/", ":" + proxy.port() + "/"),
				"--spring.r2dbc.username=postgres", "--spring.r2dbc.password=", "--portico.gateway.group=default",
				"--portico.gateway.poll-interval=200ms", "--portico.gateway.heartbeat-interval=500ms");
		try {
			int port = gateway.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			fixture.publish("default", "steady", "1.0.0", PublishFixture.routes("/steady/*", "GET"), runtime);
			await().atMost(Duration.ofSeconds(10)).until(() -> GatewayHttp.statusOrFailure(port, "/steady/x") == 200);

			AtomicBoolean loading = new AtomicBoolean(true);
			AtomicInteger served = new AtomicInteger();
			AtomicInteger failed = new AtomicInteger();
			List<CompletableFuture<Void>> workers = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				workers.add(CompletableFuture.runAsync(() -> {
					while (loading.get()) {
						if (GatewayHttp.statusOrFailure(port, "/steady/x") == 200) {
							served.incrementAndGet();
						}
						else {
							failed.incrementAndGet();
						}
					}
				}));
			}
			long started = System.nanoTime();
			// The scenario's phases are durations (7.5 s, 15 s cut, 7.5 s), not
			// conditions.
			PublishFixture.pause(7500);
			proxy.cut();
			int servedBeforeCut = served.get();
			PublishFixture.pause(15_000);
			int servedDuringCut = served.get() - servedBeforeCut;
			proxy.restore();
			PublishFixture.pause(7500);
			loading.set(false);
			CompletableFuture.allOf(workers.toArray(new CompletableFuture[0])).get();
			double seconds = (System.nanoTime() - started) / 1e9;

			assertThat(failed.get()).as("failed of %d proxied requests", served.get() + failed.get()).isZero();
			assertThat(served.get() / seconds).as("requests per second").isGreaterThanOrEqualTo(200);
			assertThat(servedDuringCut / 15.0).as("requests per second while the database was cut")
				.isGreaterThanOrEqualTo(200);

			fixture.publish("default", "after-outage", "1.0.0", PublishFixture.routes("/after-outage/*", "GET"),
					runtime);
			await().atMost(Duration.ofSeconds(2))
				.until(() -> GatewayHttp.statusOrFailure(port, "/after-outage/x") == 200);
		}
		finally {
			proxy.restore();
			gateway.close();
		}
	}

}

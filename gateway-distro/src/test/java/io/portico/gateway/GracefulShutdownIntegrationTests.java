package io.portico.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.portico.echo.EchoServer;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.portico.testsupport.LocalHost.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shutting a gateway down (what SIGTERM does) under steady load from a client that, as a
 * load balancer, sends only while the gateway's readiness is UP: readiness goes DOWN
 * first, the gateway keeps serving for its drain period, a request in flight finishes,
 * and not one request fails.
 */
@ExtendWith(GatewayTestResources.class)
class GracefulShutdownIntegrationTests {

	static final PostgresTestSchema db = PostgresTestSchema.create("gw_shutdown");

	static final EchoServer upstream = EchoServer.start("127.0.0.1", 0, "upstream");

	@Test
	void shutdownUnderLoad_takesReadinessDownFirst_finishesInFlightRequests_andFailsNone() throws Exception {
		int management = freePort();
		ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
				"--server.port=0", "--management.server.port=" + management, "--spring.r2dbc.url=" + db.r2dbcUrl(),
				"--spring.r2dbc.username=postgres", "--spring.r2dbc.password=", "--portico.gateway.group=default",
				"--portico.gateway.shutdown-drain=1500ms", "--portico.gateway.poll-interval=200ms");
		int port = gateway.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		new PublishFixture(db).publish("default", "graceful", "1.0.0", PublishFixture.routes("/graceful/*", "GET"),
				PublishFixture.runtime(List.of(PublishFixture.node(upstream.port(), 100))));
		new PublishFixture(db).publish("default", "graceful-slow", "1.0.0", PublishFixture.routes("/delay/*", "GET"),
				PublishFixture.runtime(List.of(PublishFixture.node(upstream.port(), 100))));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> GatewayHttp.statusOrFailure(port, "/graceful/x") == 200
					&& GatewayHttp.statusOrFailure(port, "/delay/0") == 200);

		// The load balancer: in rotation while readiness answers 200, polled every 100
		// ms.
		AtomicBoolean inRotation = new AtomicBoolean(true);
		CompletableFuture<Void> balancer = CompletableFuture.runAsync(() -> {
			while (GatewayHttp.statusOrFailure(management, "/actuator/health/readiness") == 200) {
				PublishFixture.pause(100);
			}
			inRotation.set(false);
		});
		AtomicInteger served = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		List<CompletableFuture<Void>> workers = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			workers.add(CompletableFuture.runAsync(() -> {
				while (inRotation.get()) {
					if (GatewayHttp.statusOrFailure(port, "/graceful/x") == 200) {
						served.incrementAndGet();
					}
					else {
						failed.incrementAndGet();
					}
				}
			}));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> served.get() > 200);
		CompletableFuture<Integer> inFlight = CompletableFuture
			.supplyAsync(() -> GatewayHttp.statusOrFailure(port, "/delay/2"));
		// Gives the slow request time to reach the upstream (it then holds for 2 s).
		PublishFixture.pause(200);

		CompletableFuture<Void> shutdown = CompletableFuture.runAsync(gateway::close);

		balancer.get();
		CompletableFuture.allOf(workers.toArray(new CompletableFuture[0])).get();
		shutdown.get();
		assertThat(failed.get()).as("failed requests of %d", served.get() + failed.get()).isZero();
		assertThat(inFlight.get()).as("the request in flight at shutdown").isEqualTo(200);
		assertThat(served.get()).isGreaterThan(200);
	}

}

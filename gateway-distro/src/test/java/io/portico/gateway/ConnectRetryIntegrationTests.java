package io.portico.gateway;

import java.time.Duration;
import java.util.List;

import io.portico.echo.EchoServer;
import io.portico.gateway.upstream.PassiveHealth;
import io.portico.testsupport.LocalHost;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service with a live node and a dead one (nothing listens on its port): every request,
 * GET or POST with a body, is answered by the live node, because a refused connection
 * sent nothing and the request goes to the other node, and the dead node is ejected by
 * the passive checks; a service whose only node is dead still answers 502 (fail open: it
 * is tried though ejected).
 */
@GatewayHttpTest
class ConnectRetryIntegrationTests {

	static final PostgresTestSchema db = PostgresTestSchema.create("gw_retry");

	static final EchoServer live = EchoServer.start("127.0.0.1", 0, "live");

	private final PublishFixture fixture = new PublishFixture(db);

	@LocalServerPort
	int port;

	@Autowired
	PassiveHealth health;

	@Test
	void deadNodeBesideALiveOne_failsNoRequest_getOrPostWithABody() {
		int dead = LocalHost.freePort();
		this.fixture.publish("default", "half-dead", "1.0.0", PublishFixture.routes("/half-dead/*", "GET", "POST"),
				PublishFixture.runtime(List.of(PublishFixture.node(live.port(), 100), PublishFixture.node(dead, 100))));
		WebTestClient client = GatewayHttp.client(this.port);
		GatewayHttp.awaitStatus(client, "/half-dead/x", Duration.ofSeconds(5), 10, "half-dead", 200);

		for (int i = 0; i < 40; i++) {
			client.get()
				.uri("/half-dead/" + i)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals(EchoServer.SERVER_HEADER, "live");
			byte[] echoed = client.post()
				.uri("/half-dead/post-" + i)
				.bodyValue("body-" + i)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.returnResult()
				.getResponseBody();
			assertThat(new String(echoed)).contains("body-" + i);
		}
		assertThat(this.health.isEjected("half-dead", PublishFixture.node(dead, 100)))
			.as("the dead node, after 3 failed connections in a row")
			.isTrue();
		assertThat(this.health.isEjected("half-dead", PublishFixture.node(live.port(), 100))).isFalse();
	}

	@Test
	void onlyNodeDead_isStill502() {
		this.fixture.publish("default", "all-dead", "1.0.0", PublishFixture.routes("/all-dead/*"),
				PublishFixture.runtime(List.of(PublishFixture.node(LocalHost.freePort(), 100))));

		GatewayHttp.awaitStatus(GatewayHttp.client(this.port), "/all-dead/x", Duration.ofSeconds(5), 10, "all-dead",
				502);
	}

}

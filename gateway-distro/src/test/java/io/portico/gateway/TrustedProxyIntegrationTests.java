package io.portico.gateway;

import java.time.Duration;
import java.util.List;

import io.portico.echo.EchoServer;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway whose trusted proxies include the loopback addresses the test connects from:
 * the forwarded headers of that "proxy" are believed and extended, not replaced.
 */
@GatewayHttpTest(properties = { "portico.gateway.poll-interval=30s", "portico.gateway.heartbeat-interval=30s",
		"portico.gateway.edge.trusted-proxies=127.0.0.1/32,::1/128" })
class TrustedProxyIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final PostgresTestSchema db = PostgresTestSchema.create("trusted");

	static final EchoServer echo = EchoServer.start("127.0.0.1", 0, "trusted-echo");

	private final PublishFixture fixture = new PublishFixture(db);

	@LocalServerPort
	private int port;

	@Test
	void forwardedFor_fromATrustedProxy_isExtendedWithThePeer() {
		this.fixture.publish("default", "behind-lb", "1.0.0", PublishFixture.routes("/behind-lb/*"),
				PublishFixture.runtime(List.of(PublishFixture.node(echo.port(), 100))));
		WebTestClient client = GatewayHttp.client(this.port);
		GatewayHttp.awaitStatus(client, "/behind-lb/ready", Duration.ofSeconds(5), 10, "/behind-lb/* served", 200);

		JsonNode headers = JSON
			.readTree(client.get()
				.uri("/behind-lb/x")
				.header("X-Forwarded-For", "1.2.3.4")
				.header("X-Forwarded-Proto", "https")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.returnResult()
				.getResponseBody())
			.get("headers");

		assertThat(headers.get("X-Forwarded-For").stringValue()).isEqualTo("1.2.3.4,127.0.0.1");
		assertThat(headers.get("X-Forwarded-Proto").stringValue()).startsWith("https");
	}

}

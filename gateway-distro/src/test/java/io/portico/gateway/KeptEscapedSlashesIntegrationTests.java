package io.portico.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.portico.echo.EchoServer;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway that keeps encoded slashes and repeated slashes
 * ({@code portico.gateway.edge.path.escaped-slashes=keep}, {@code merge-slashes=false}):
 * they are matched and reach the upstream encoded, while dot segments are still resolved
 * and {@code %00} still refused.
 */
@GatewayHttpTest(properties = { "portico.gateway.poll-interval=30s", "portico.gateway.heartbeat-interval=30s",
		"portico.gateway.edge.path.escaped-slashes=keep", "portico.gateway.edge.path.merge-slashes=false" })
class KeptEscapedSlashesIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final PostgresTestSchema db = PostgresTestSchema.create("keepslash");

	static final EchoServer echo = EchoServer.start("127.0.0.1", 0, "keep-echo");

	private final PublishFixture fixture = new PublishFixture(db);

	@LocalServerPort
	private int port;

	@Test
	void escapedAndRepeatedSlashes_whenKept_reachTheUpstreamAsSent() throws IOException {
		this.fixture.publish("default", "keep-anything", "1.0.0", PublishFixture.routes("/anything/*"),
				PublishFixture.runtime(List.of(PublishFixture.node(echo.port(), 100))));
		GatewayHttp.awaitStatus(GatewayHttp.client(this.port), "/anything/ready", Duration.ofSeconds(5), 10,
				"/anything/* served", 200);

		assertThat(received("/anything/a%2Fb%5Cc")).isEqualTo("/anything/a%2Fb%5Cc");
		// Encoded, the slash is no separator: one segment "..%2Fadmin" under /anything/.
		assertThat(received("/anything/..%2Fadmin")).isEqualTo("/anything/..%2Fadmin");
		assertThat(received("/anything//x")).isEqualTo("/anything//x");
		assertThat(received("/anything/y/../x")).isEqualTo("/anything/x");
		assertThat(EdgeHardeningIntegrationTests.RawResponse.get(this.port, "/anything/x%00").status()).isEqualTo(400);
	}

	private String received(String sent) throws IOException {
		EdgeHardeningIntegrationTests.RawResponse response = EdgeHardeningIntegrationTests.RawResponse.get(this.port,
				sent);
		assertThat(response.status()).as("status of %s", sent).isEqualTo(200);
		String url = JSON.readTree(response.body()).get("url").stringValue();
		return url.substring(("http://localhost:" + this.port).length());
	}

}

package io.portico.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.portico.echo.EchoServer;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edge hardening over real HTTP, with the default settings: crafted paths are sent on a
 * raw socket (no client library encodes or normalises them) through the gateway to the
 * echo upstream, which answers with the request line it received; and a client's own
 * forwarded headers are replaced, since no peer is a trusted proxy by default.
 */
@GatewayHttpTest(properties = { "portico.gateway.poll-interval=30s", "portico.gateway.heartbeat-interval=30s" })
class EdgeHardeningIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final PostgresTestSchema db = PostgresTestSchema.create("edge");

	static final EchoServer echo = EchoServer.start("127.0.0.1", 0, "edge-echo");

	private final PublishFixture fixture = new PublishFixture(db);

	@LocalServerPort
	private int port;

	private static boolean published;

	@BeforeEach
	void publishTwoPrefixesOnce() {
		if (published) {
			return;
		}
		published = true;
		String runtime = PublishFixture.runtime(List.of(PublishFixture.node(echo.port(), 100)));
		this.fixture.publish("default", "edge-anything", "1.0.0", PublishFixture.routes("/anything/*"), runtime);
		this.fixture.publish("default", "edge-other", "1.0.0", PublishFixture.routes("/other/*"), runtime);
		WebTestClient client = GatewayHttp.client(this.port);
		GatewayHttp.awaitStatus(client, "/anything/ready", Duration.ofSeconds(5), 10, "/anything/* served", 200);
		GatewayHttp.awaitStatus(client, "/other/ready", Duration.ofSeconds(5), 10, "/other/* served", 200);
	}

	/**
	 * The path table: what the client sends, and either the status the gateway answers by
	 * itself (400 refused, 404 no route for the normalised path) or the path and query
	 * the upstream receives.
	 */
	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			/anything/../other/x              | /other/x
			/anything/../admin                | 404
			/anything/./x                     | /anything/x
			/anything/%2e%2e/other/x          | /other/x
			/anything/%2E./other/x            | /other/x
			/anything/.%2E/other/x            | /other/x
			/anything/%2e/x                   | /anything/x
			/anything/x/../../..              | 400
			/..                               | 400
			/anything/%2e%2e/%2e%2e/%2e%2e/x  | 400
			/anything/a%2Fb                   | 400
			/anything/a%2fb                   | 400
			/anything/..%2Fother/x            | 400
			/anything/a%5Cb                   | 400
			/anything/a\\b                    | 400 invalid URI
			//anything//x                     | /anything/x
			/anything//x//                    | /anything/x/
			/anything/x%00                    | 400
			/anything/%C0%AE%C0%AE/other/x    | 400
			/anything/%C0%AF                  | 400
			/anything/%E0%80%AE%E0%80%AE/x    | 400
			/anything/x;a=1                   | /anything/x;a=1
			/anything/..;/other/x             | 400
			/anything/%2e%2e;x/other/x        | 400
			/anything/%7Euser/%41             | /anything/~user/A
			/anything/caf%c3%a9               | /anything/caf%C3%A9
			/anything/%252e%252e/admin        | /anything/%252e%252e/admin
			/anything/%zz                     | 400 invalid URI
			/anything/x?q=../%2F&r=%2e%2e     | /anything/x?q=../%2F&r=%2e%2e
			/other/x/..                       | /other/
			""")
	void pathTable_eachPathIsRefusedOrForwardedNormalisedWithinTheMatchedPrefix(String sent, String expected)
			throws IOException {
		RawResponse response = RawResponse.get(this.port, sent);

		if (expected.startsWith("400")) {
			assertThat(response.status()).as("status of %s", sent).isEqualTo(400);
			if (expected.equals("400")) {
				// Refused by Portico; "400 invalid URI" is Spring refusing to parse the
				// request target (a raw backslash, a malformed escape) before any filter
				// runs.
				assertThat(response.contentType()).isEqualTo("application/problem+json");
				assertThat(JSON.readTree(response.body()).get("detail").stringValue()).isNotEmpty();
			}
			return;
		}
		if (expected.equals("404")) {
			assertThat(response.status()).as("status of %s", sent).isEqualTo(404);
			return;
		}
		assertThat(response.status()).as("status of %s", sent).isEqualTo(200);
		JsonNode echoed = JSON.readTree(response.body());
		String prefix = "http://localhost:" + this.port;
		assertThat(echoed.get("url").stringValue()).startsWith(prefix);
		String received = echoed.get("url").stringValue().substring(prefix.length());
		assertThat(received).isEqualTo(expected);
		String receivedPath = received.contains("?") ? received.substring(0, received.indexOf('?')) : received;
		assertThat(receivedPath).as("no dot segment reaches the upstream")
			.doesNotContain("/./")
			.doesNotContain("/../")
			.doesNotEndWith("/.")
			.doesNotEndWith("/..")
			.doesNotContainIgnoringCase("%2e")
			.doesNotContain("//");
		assertThat(receivedPath).as("within a matched route's prefix").matches("/(anything|other)/.*");
	}

	@Test
	void forwardedHeaders_fromAnUntrustedPeer_areReplacedByTheGatewaysOwn() {
		JsonNode echoed = JSON.readTree(GatewayHttp.client(this.port)
			.get()
			.uri("/anything/xff")
			.header("X-Forwarded-For", "1.2.3.4")
			.header("X-Forwarded-Host", "evil.example")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Prefix", "/admin")
			.header("Forwarded", "for=1.2.3.4;host=evil.example;proto=https")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());

		JsonNode headers = echoed.get("headers");
		assertThat(headers.get("X-Forwarded-For").stringValue()).isEqualTo("127.0.0.1");
		assertThat(headers.get("X-Forwarded-Host").stringValue()).isEqualTo("localhost:" + this.port);
		assertThat(headers.get("X-Forwarded-Proto").stringValue()).isEqualTo("http");
		assertThat(headers.has("X-Forwarded-Prefix")).isFalse();
		assertThat(headers.has("Forwarded")).isFalse();
		assertThat(echoed.get("origin").stringValue()).isEqualTo("127.0.0.1");
	}

	/**
	 * One HTTP/1.1 exchange on a raw socket, so that the request target is sent byte for
	 * byte as written.
	 */
	record RawResponse(int status, String contentType, String body) {

		static RawResponse get(int port, String target) throws IOException {
			try (Socket socket = new Socket("127.0.0.1", port)) {
				socket.setSoTimeout(10_000);
				OutputStream out = socket.getOutputStream();
				out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				return parse(socket.getInputStream().readAllBytes());
			}
		}

		private static RawResponse parse(byte[] bytes) {
			String text = new String(bytes, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			String[] head = text.substring(0, end).split("\r\n");
			int status = Integer.parseInt(head[0].split(" ")[1]);
			String contentType = null;
			boolean chunked = false;
			for (int i = 1; i < head.length; i++) {
				String[] header = head[i].split(":", 2);
				String name = header[0].trim().toLowerCase(Locale.ROOT);
				String value = header[1].trim();
				if (name.equals("content-type")) {
					contentType = value;
				}
				else if (name.equals("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
					chunked = true;
				}
			}
			String body = text.substring(end + 4);
			return new RawResponse(status, contentType, new String(
					(chunked ? dechunk(body) : body).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
		}

		private static String dechunk(String body) {
			StringBuilder out = new StringBuilder();
			int position = 0;
			while (true) {
				int lineEnd = body.indexOf("\r\n", position);
				int size = Integer.parseInt(body.substring(position, lineEnd).split(";")[0].trim(), 16);
				if (size == 0) {
					return out.toString();
				}
				out.append(body, lineEnd + 2, lineEnd + 2 + size);
				position = lineEnd + 2 + size + 2;
			}
		}

	}

}

package io.portico.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls a gateway under test over real HTTP: a client for one of its ports, the status of
 * a path, waiting until a path answers with one of the expected statuses, and its
 * readiness.
 */
final class GatewayHttp {

	// Load loops count failures instead of failing: a plain JDK client that never throws.
	private static final HttpClient LOAD = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private GatewayHttp() {
	}

	/**
	 * The status of {@code GET path} on a local port, for load loops that count failures:
	 * -1 when the connection fails or no answer comes within 5 s.
	 * @param port the port
	 * @param path the path
	 * @return the status code, or -1
	 */
	static int statusOrFailure(int port, String path) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(5))
				.build();
			return LOAD.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * A client for a local port that waits up to 10 s for an answer.
	 * @param port the port
	 * @return the client
	 */
	static WebTestClient client(int port) {
		return client(port, Duration.ofSeconds(10));
	}

	/**
	 * A client for a local port.
	 * @param port the port
	 * @param timeout how long it waits for an answer
	 * @return the client
	 */
	static WebTestClient client(int port, Duration timeout) {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(timeout).build();
	}

	/**
	 * The status of {@code GET path}.
	 * @param client the client
	 * @param path the path
	 * @return the status code
	 */
	static int status(WebTestClient client, String path) {
		return client.get().uri(path).exchange().returnResult(byte[].class).getStatus().value();
	}

	/**
	 * Polls {@code GET path} until it answers with one of the expected statuses, and
	 * fails with the last status if none came in time.
	 * @param client the client
	 * @param path the path
	 * @param within how long to poll
	 * @param pauseMillis the pause between polls
	 * @param description what the assertion describes on failure
	 * @param expected the statuses to wait for
	 */
	static void awaitStatus(WebTestClient client, String path, Duration within, long pauseMillis, String description,
			int... expected) {
		Object[] statuses = Arrays.stream(expected).boxed().toArray();
		await().atMost(within)
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(pauseMillis))
			.untilAsserted(() -> assertThat(status(client, path)).as(description).isIn(statuses));
	}

	/**
	 * Expects the readiness probe to answer 200 with status {@code UP}.
	 * @param management a client for the management port
	 */
	static void expectReady(WebTestClient management) {
		management.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

}

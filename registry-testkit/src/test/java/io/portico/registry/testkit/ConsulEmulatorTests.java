package io.portico.registry.testkit;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour of {@link ConsulEmulator}, Consul's documented HTTP API emulated.
 */
class ConsulEmulatorTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@AutoClose
	private final ConsulEmulator consul = ConsulEmulator.start();

	@Test
	void healthService_returnsDocumentedShapeAndHeaders() throws Exception {
		this.consul.register("web", "web-1", "10.0.0.1", 8080, 2);
		HttpResponse<String> response = get("/v1/health/service/web?passing=true", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Consul-Index")).isPresent();
		assertThat(response.headers().firstValue("X-Consul-KnownLeader")).hasValue("true");
		assertThat(response.headers().firstValue("X-Consul-LastContact")).hasValue("0");
		assertThat(response.body()).contains("\"Node\":{\"ID\"")
			.contains("\"Service\":{\"ID\":\"web-1\",\"Service\":\"web\",\"Tags\":[],\"Address\":\"10.0.0.1\"")
			.contains("\"Port\":8080")
			.contains("\"Weights\":{")
			.contains("\"Passing\":2")
			.contains("\"Checks\":[");
	}

	@Test
	void healthService_blockingQuery_blocksUntilTheIndexMoves() throws Exception {
		this.consul.register("web", "web-1", "10.0.0.1", 8080);
		String index = get("/v1/health/service/web", null).headers().firstValue("X-Consul-Index").orElseThrow();
		CompletableFuture<HttpResponse<String>> blocked = this.http.sendAsync(
				request("/v1/health/service/web?index=" + index + "&wait=5s", null),
				HttpResponse.BodyHandlers.ofString());
		long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		while (this.consul.blockedQueries() == 0 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(this.consul.blockedQueries()).isEqualTo(1);
		assertThat(blocked).isNotDone();
		this.consul.register("web", "web-2", "10.0.0.2", 8080);
		HttpResponse<String> response = blocked.get(2, TimeUnit.SECONDS);
		assertThat(Long.parseLong(response.headers().firstValue("X-Consul-Index").orElseThrow()))
			.isGreaterThan(Long.parseLong(index));
		assertThat(response.body()).contains("web-2");
	}

	@Test
	void healthService_blockingQuery_returnsTheSameIndexWhenTheWaitEnds() throws Exception {
		this.consul.register("web", "web-1", "10.0.0.1", 8080);
		String index = get("/v1/health/service/web", null).headers().firstValue("X-Consul-Index").orElseThrow();
		long started = System.nanoTime();
		HttpResponse<String> response = get("/v1/health/service/web?index=" + index + "&wait=300ms", null);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
		assertThat(response.headers().firstValue("X-Consul-Index")).hasValue(index);
	}

	@Test
	void acl_wrongTokenIs403AclNotFound_andStatusIsOpen() throws Exception {
		this.consul.requireToken("right");
		assertThat(get("/v1/catalog/services", "wrong").statusCode()).isEqualTo(403);
		assertThat(get("/v1/catalog/services", "wrong").body()).isEqualTo("ACL not found");
		assertThat(get("/v1/catalog/services?token=right", null).statusCode()).isEqualTo(200);
		assertThat(get("/v1/catalog/services", "right").body()).isEqualTo("{\"consul\":[]}");
		assertThat(get("/v1/status/leader", null).body()).isEqualTo("\"127.0.0.1:8300\"");
	}

	@Test
	void agentRegisterAndDeregister_changeTheCatalog() throws Exception {
		HttpResponse<String> registered = this.http
			.send(HttpRequest.newBuilder(URI.create(this.consul.address() + "/v1/agent/service/register"))
				.PUT(HttpRequest.BodyPublishers
					.ofString("{\"ID\":\"gw-1\",\"Name\":\"portico-gateway\",\"Address\":\"10.0.0.9\",\"Port\":9080}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(registered.statusCode()).isEqualTo(200);
		assertThat(get("/v1/catalog/services", null).body()).contains("portico-gateway");
		HttpResponse<String> deregistered = this.http
			.send(HttpRequest.newBuilder(URI.create(this.consul.address() + "/v1/agent/service/deregister/gw-1"))
				.PUT(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(deregistered.statusCode()).isEqualTo(200);
		assertThat(get("/v1/catalog/services", null).body()).doesNotContain("portico-gateway");
	}

	@Test
	void stop_refusesConnections_andRestartServesAgain() throws Exception {
		this.consul.register("web", "web-1", "10.0.0.1", 8080);
		this.consul.stop();
		assertThatThrownBy(() -> get("/v1/status/leader", null)).isInstanceOf(ConnectException.class);
		this.consul.restart();
		assertThat(get("/v1/health/service/web", null).body()).contains("web-1");
	}

	private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		return this.http.send(request(path, token), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.consul.address() + path))
			.timeout(Duration.ofSeconds(10));
		if (token != null) {
			builder.header("X-Consul-Token", token);
		}
		return builder.build();
	}

}

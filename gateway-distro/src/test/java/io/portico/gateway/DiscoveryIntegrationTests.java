package io.portico.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.portico.echo.EchoServer;
import io.portico.gateway.discovery.FakeRegistryClientFactory;
import io.portico.registry.Endpoint;
import io.portico.registry.KubernetesSettings;
import io.portico.registry.ServiceRef;
import io.portico.secrets.SecretCipher;
import io.portico.secrets.SecretKeys;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery upstreams over real HTTP against echo upstreams, with registry connections
 * and publishes written to a real PostgreSQL schema, and a fake registry (the
 * {@link FakeRegistryClientFactory}) whose announcements the tests drive. The revision
 * poll and the heartbeat are slowed to 30 s, so reports seen at once prove that changes
 * are pushed. Tests use distinct registries and services.
 */
@GatewayHttpTest(properties = { "portico.gateway.poll-interval=30s", "portico.gateway.heartbeat-interval=30s",
		"portico.gateway.instance-id=gw-disc", "portico.secrets.key=" + DiscoveryIntegrationTests.SECRETS_KEY })
@ExtendWith(OutputCaptureExtension.class)
class DiscoveryIntegrationTests {

	private static final String INSTANCE = "gw-disc";

	static final String SECRETS_KEY = "Z2F0ZXdheS10ZXN0LXNlY3JldHMta2V5LTMyYnl0ZXM=";

	private static final SecretCipher CIPHER = new SecretCipher(SecretKeys.of(SECRETS_KEY, List.of()));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final PostgresTestSchema db = PostgresTestSchema.create("gwdisc");

	static final EchoServer nodeA = EchoServer.start("127.0.0.1", 0, "node-a");

	static final EchoServer nodeB = EchoServer.start("127.0.0.1", 0, "node-b");

	private final PublishFixture fixture = new PublishFixture(db);

	@Autowired
	private FakeRegistryClientFactory registry;

	@LocalServerPort
	private int port;

	@Test
	void discovery_servesAnnouncedEndpoints_addedOneGetsTrafficAtOnce_removedOneNone() {
		kubernetesRegistry("reg-add", "k8s-token-add");
		ServiceRef ref = new ServiceRef("default", "httpbin", null);
		this.fixture.publish("default", "disc-add", "1.0.0", PublishFixture.routes("/disc-add/*"),
				PublishFixture.discoveryRuntime("reg-add", "default", "httpbin"));
		awaitStatus("/disc-add/x", 503);

		this.registry.announce("reg-add", ref, endpoint(nodeA, 100));
		awaitStatus("/disc-add/x", 200);
		assertThat(servers("/disc-add/x", 4)).containsOnly("node-a");

		this.registry.announce("reg-add", ref, endpoint(nodeA, 100), endpoint(nodeB, 100));
		long started = System.nanoTime();
		assertThat(servers("/disc-add/x", 4)).contains("node-a", "node-b");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));

		this.registry.announce("reg-add", ref, endpoint(nodeB, 100));
		assertThat(servers("/disc-add/x", 10)).containsOnly("node-b");
	}

	@Test
	void discovery_registryWeights100And300_split40RequestsExactly1To3() {
		kubernetesRegistry("reg-weights", "k8s-token-weights");
		ServiceRef ref = new ServiceRef("shop", "weighted", null);
		this.fixture.publish("default", "disc-weights", "1.0.0", PublishFixture.routes("/disc-weights/*"),
				PublishFixture.discoveryRuntime("reg-weights", "shop", "weighted"));
		this.registry.announce("reg-weights", ref, endpoint(nodeA, 100), endpoint(nodeB, 300));
		awaitStatus("/disc-weights/x", 200);

		List<String> servers = servers("/disc-weights/x", 40);
		assertThat(servers).filteredOn("node-a"::equals).hasSize(10);
		assertThat(servers).filteredOn("node-b"::equals).hasSize(30);
	}

	@Test
	void registryFailure_keepsLastEndpointsServingReportsStale_andRecoveryClearsIt(CapturedOutput output) {
		kubernetesRegistry("reg-stale", "k8s-token-SECRET-4711");
		ServiceRef ref = new ServiceRef("default", "stale-svc", null);
		this.fixture.publish("default", "disc-stale", "1.0.0", PublishFixture.routes("/disc-stale/*"),
				PublishFixture.discoveryRuntime("reg-stale", "default", "stale-svc"));
		this.registry.announce("reg-stale", ref, endpoint(nodeA, 100));
		awaitStatus("/disc-stale/x", 200);

		// A library that echoes the token: the gateway must scrub it.
		this.registry.fail("reg-stale", ref, "401 Unauthorized for bearer k8s-token-SECRET-4711");
		JsonNode stale = awaitDiscoveryEntry("stale-svc", (entry) -> entry.get("stale").asBoolean());
		assertThat(stale.get("service_registry_id").stringValue()).isEqualTo("reg-stale");
		assertThat(stale.get("namespace").stringValue()).isEqualTo("default");
		assertThat(stale.get("endpoints").asInt()).isEqualTo(1);
		assertThat(stale.get("last_error").stringValue()).isEqualTo("401 Unauthorized for bearer ******");
		assertThat(stale.get("updated_at").isNull()).isFalse();
		assertThat(servers("/disc-stale/x", 4)).containsOnly("node-a");

		this.registry.announce("reg-stale", ref, endpoint(nodeA, 100), endpoint(nodeB, 100));
		JsonNode recovered = awaitDiscoveryEntry("stale-svc", (entry) -> !entry.get("stale").asBoolean());
		assertThat(recovered.get("endpoints").asInt()).isEqualTo(2);
		assertThat(recovered.get("last_error").isNull()).isTrue();

		assertThat(output.getAll()).contains("are stale").contains("are current again");
		assertThat(output.getAll()).doesNotContain("k8s-token-SECRET-4711");
		assertThat(this.fixture.instanceColumn(INSTANCE, "discovery")).doesNotContain("SECRET-4711");
	}

	@Test
	void badRegistryRowAndUnknownRegistry_areSkippedAndReported_othersKeepServing(CapturedOutput output) {
		this.fixture.registry("default", "reg-broken", "consul", "{\"address\":\"not a url\"}",
				"{\"token\":\"consul-SECRET-0815\"}");
		this.fixture.publish("default", "uses-broken", "1.0.0", PublishFixture.routes("/uses-broken/*"),
				PublishFixture.discoveryRuntime("reg-broken", "", "orders"));
		this.fixture.publish("default", "uses-unknown", "1.0.0", PublishFixture.routes("/uses-unknown/*"),
				PublishFixture.discoveryRuntime("reg-nowhere", "", "orders"));
		long revision = this.fixture.publish("default", "plain-nodes", "1.0.0", PublishFixture.routes("/plain-nodes/*"),
				PublishFixture.runtime(List.of(PublishFixture.node(nodeA.port(), 100))));
		awaitStatus("/plain-nodes/x", 200);
		awaitRevision(revision);

		client().get().uri("/uses-broken/x").exchange().expectStatus().isNotFound();
		client().get().uri("/uses-unknown/x").exchange().expectStatus().isNotFound();
		assertThat(this.fixture.instanceColumn(INSTANCE, "config_status")).isEqualTo("ok");
		JsonNode errors = JSON.readTree(this.fixture.instanceColumn(INSTANCE, "config_errors"));
		JsonNode registryError = find(errors,
				(e) -> e.get("service_id").isNull() && "reg-broken".equals(text(e, "service_registry_id")));
		assertThat(registryError.get("message").stringValue()).contains("consul.address");
		JsonNode brokenUser = find(errors, (e) -> "uses-broken".equals(text(e, "service_id")));
		assertThat(brokenUser.get("service_registry_id").stringValue()).isEqualTo("reg-broken");
		JsonNode unknownUser = find(errors, (e) -> "uses-unknown".equals(text(e, "service_id")));
		assertThat(unknownUser.get("message").stringValue()).contains("'reg-nowhere' does not exist");
		assertThat(errors.toString()).doesNotContain("consul-SECRET-0815");
		assertThat(output.getAll()).contains("Skipping service registry 'reg-broken'")
			.doesNotContain("consul-SECRET-0815");
	}

	@Test
	void encryptedRegistrySecret_isDecryptedAndUsedToConnect() {
		String token = "k8s-token-encrypted-61d0";
		String secrets = CIPHER.encrypt("{\"token\":\"" + token + "\"}", "reg-encrypted");
		this.fixture.registry("default", "reg-encrypted", "kubernetes", "{\"api_server\":\"https://k8s.example:6443\"}",
				secrets);
		ServiceRef ref = new ServiceRef("default", "encrypted", null);
		this.registry.announce("reg-encrypted", ref, endpoint(nodeA, 100));
		this.fixture.publish("default", "disc-encrypted", "1.0.0", PublishFixture.routes("/disc-encrypted/*"),
				PublishFixture.discoveryRuntime("reg-encrypted", "default", "encrypted"));

		awaitStatus("/disc-encrypted/x", 200);
		assertThat(this.registry.created()).filteredOn((connection) -> connection.id().equals("reg-encrypted"))
			.isNotEmpty()
			.allSatisfy((connection) -> assertThat(connection.settings())
				.isEqualTo(new KubernetesSettings("https://k8s.example:6443", token)));
	}

	@Test
	void registrySecretUnderAnotherKey_isSkippedAndReported_othersKeepServing(CapturedOutput output) {
		SecretCipher other = new SecretCipher(SecretKeys.of("b3RoZXItZ2F0ZXdheS1zZWNyZXRzLWtleS0zMmJ5dGU=", List.of()));
		this.fixture.registry("default", "reg-other-key", "kubernetes", "{\"api_server\":\"https://k8s.example:6443\"}",
				other.encrypt("{\"token\":\"k8s-token-OTHER-KEY-4e2a\"}", "reg-other-key"));
		this.fixture.publish("default", "uses-other-key", "1.0.0", PublishFixture.routes("/uses-other-key/*"),
				PublishFixture.discoveryRuntime("reg-other-key", "default", "orders"));
		long revision = this.fixture.publish("default", "beside-other-key", "1.0.0",
				PublishFixture.routes("/beside-other-key/*"),
				PublishFixture.runtime(List.of(PublishFixture.node(nodeA.port(), 100))));
		awaitStatus("/beside-other-key/x", 200);
		awaitRevision(revision);

		client().get().uri("/uses-other-key/x").exchange().expectStatus().isNotFound();
		assertThat(this.registry.created()).noneMatch((connection) -> connection.id().equals("reg-other-key"));
		JsonNode errors = JSON.readTree(this.fixture.instanceColumn(INSTANCE, "config_errors"));
		JsonNode registryError = find(errors,
				(e) -> e.get("service_id").isNull() && "reg-other-key".equals(text(e, "service_registry_id")));
		assertThat(registryError.get("message").stringValue())
			.contains("secret unreadable with the configured key (key id " + CIPHER.keys().currentId()
					+ "): it was encrypted under key id " + other.keys().currentId());
		assertThat(find(errors, (e) -> "uses-other-key".equals(text(e, "service_id"))).get("message").stringValue())
			.contains("secret unreadable");
		assertThat(output.getAll()).contains("Skipping service registry 'reg-other-key'")
			.doesNotContain("k8s-token-OTHER-KEY-4e2a")
			.doesNotContain(SECRETS_KEY);
	}

	@Test
	void discoveryCanary_splitsThenFinishingMovesTheServiceFromNodesToDiscoveryWithoutAFailedRequest()
			throws Exception {
		kubernetesRegistry("reg-canary", "k8s-token-canary");
		ServiceRef ref = new ServiceRef("default", "moving", null);
		this.registry.announce("reg-canary", ref, endpoint(nodeB, 100));
		this.fixture.publish("default", "disc-canary", "1.0.0", PublishFixture.routes("/disc-canary/*"),
				PublishFixture.runtime(List.of(PublishFixture.node(nodeA.port(), 100))));
		this.fixture.canary("default", "disc-canary",
				"{\"weight\":50,\"upstream\":{\"service_registry_id\":"
						+ "\"reg-canary\",\"namespace\":\"default\",\"service_name\":\"moving\",\"port_name\":null}}",
				null);
		awaitServers("/disc-canary/x", "node-b");

		List<String> split = servers("/disc-canary/x", 20);
		assertThat(split).filteredOn("node-a"::equals).hasSize(10);
		assertThat(split).filteredOn("node-b"::equals).hasSize(10);

		// Steady load while the canary is finished: the watch of the registry service
		// carries over from the canary to the runtime upstream, so no request fails. The
		// load runs until 50 requests in a row after the finish went to node-b (at most
		// 20,000), not for a fixed count that a slow reload could outlast.
		HttpClient http = HttpClient.create().baseUrl("http://localhost:" + this.port);
		AtomicBoolean finished = new AtomicBoolean();
		AtomicInteger nodeBInARow = new AtomicInteger();
		CompletableFuture<List<String>> load = Flux.range(0, 20_000)
			.concatMap((i) -> http.get()
				.uri("/disc-canary/" + i)
				.responseSingle((response, body) -> body.asString()
					.defaultIfEmpty("")
					.map((ignored) -> response.status().code() + " "
							+ response.responseHeaders().get(EchoServer.SERVER_HEADER))))
			.takeUntil((result) -> {
				if (finished.get() && "200 node-b".equals(result)) {
					return nodeBInARow.incrementAndGet() >= 50;
				}
				nodeBInARow.set(0);
				return false;
			})
			.collectList()
			.toFuture();
		PublishFixture.pause(100);
		this.fixture.finishUpstreamCanary("default", "disc-canary",
				PublishFixture.discoveryRuntime("reg-canary", "default", "moving"));
		finished.set(true);
		List<String> results = load.get(60, TimeUnit.SECONDS);

		assertThat(results).hasSizeLessThan(20_000).allSatisfy((result) -> assertThat(result).startsWith("200 "));
		assertThat(results.subList(0, 10)).contains("200 node-a");
		assertThat(results.subList(results.size() - 50, results.size())).containsOnly("200 node-b");
		assertThat(servers("/disc-canary/x", 10)).containsOnly("node-b");
	}

	private void awaitServers(String path, String server) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (!server.equals(client().get()
			.uri(path)
			.exchange()
			.expectBody()
			.returnResult()
			.getResponseHeaders()
			.getFirst(EchoServer.SERVER_HEADER))) {
			assertThat(System.nanoTime()).as("%s serves %s", server, path).isLessThan(deadline);
			PublishFixture.pause(10);
		}
	}

	private void kubernetesRegistry(String id, String token) {
		this.fixture.registry("default", id, "kubernetes", "{\"api_server\":\"https://k8s.example:6443\"}",
				"{\"token\":\"" + token + "\"}");
	}

	private static Endpoint endpoint(EchoServer server, int weight) {
		return new Endpoint("127.0.0.1", server.port(), weight);
	}

	private WebTestClient client() {
		return GatewayHttp.client(this.port);
	}

	private List<String> servers(String path, int requests) {
		List<String> servers = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			EntityExchangeResult<byte[]> result = client().get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.returnResult();
			servers.add(result.getResponseHeaders().getFirst(EchoServer.SERVER_HEADER));
		}
		return servers;
	}

	private void awaitStatus(String path, int expected) {
		GatewayHttp.awaitStatus(client(), path, Duration.ofSeconds(5), 10, "status of " + path, expected);
	}

	private void awaitRevision(long revision) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (true) {
			String applied = this.fixture.instanceColumn(INSTANCE, "config_revision");
			if (applied != null && Long.parseLong(applied) >= revision) {
				return;
			}
			assertThat(System.nanoTime()).as("heartbeat with revision %d", revision).isLessThan(deadline);
			PublishFixture.pause(20);
		}
	}

	private JsonNode awaitDiscoveryEntry(String serviceName, Predicate<JsonNode> condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (true) {
			String discovery = this.fixture.instanceColumn(INSTANCE, "discovery");
			if (discovery != null) {
				for (JsonNode entry : JSON.readTree(discovery)) {
					if (serviceName.equals(text(entry, "service_name")) && condition.test(entry)) {
						return entry;
					}
				}
			}
			assertThat(System.nanoTime()).as("discovery entry of %s", serviceName).isLessThan(deadline);
			PublishFixture.pause(20);
		}
	}

	private static JsonNode find(JsonNode array, Predicate<JsonNode> condition) {
		for (JsonNode entry : array) {
			if (condition.test(entry)) {
				return entry;
			}
		}
		throw new AssertionError("no entry matches in " + array);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.stringValue();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FakeRegistryConfiguration {

		@Bean
		@Primary
		FakeRegistryClientFactory fakeRegistryClientFactory() {
			return new FakeRegistryClientFactory();
		}

	}

}

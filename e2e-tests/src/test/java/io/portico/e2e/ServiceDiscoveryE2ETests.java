package io.portico.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.portico.echo.EchoServer;
import io.portico.registry.testkit.ConsulEmulator;
import io.portico.registry.testkit.EurekaTestServer;
import io.portico.registry.testkit.KubernetesTestServer;
import io.portico.registry.testkit.NacosEmulator;
import io.portico.testsupport.LocalHost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The second half of the product tutorial, for each registry type, over HTTP against the
 * real admin and gateway jars on PostgreSQL: create the connection, see it healthy,
 * publish through it, follow the registry live, and keep serving the last known endpoints
 * when the registry goes away. Kubernetes is fabric8's mock server in CRUD mode; Eureka
 * is a real Eureka server; Consul and Nacos are emulations of their documented APIs (no
 * such servers can be installed here).
 */
class ServiceDiscoveryE2ETests {

	/**
	 * Push-based registries (Kubernetes watch, Consul blocking query, Nacos
	 * subscription).
	 */
	private static final Duration PUSH_BOUND = Duration.ofSeconds(1);

	/** Polled registries (Eureka). */
	private static final Duration POLL_BOUND = Duration.ofSeconds(5);

	@AutoClose
	private static PorticoCluster cluster;

	@BeforeAll
	static void start() {
		cluster = PorticoCluster.start("e2e_discovery",
				List.of("--portico.admin.registries.check-interval=1s", "--portico.admin.registries.check-timeout=3s"),
				"default");
	}

	@Test
	void kubernetes_fabric8MockServerInCrudMode_endpointSlicesAreFollowedAndSurviveAnOutage() {
		KubernetesMockServer server = KubernetesTestServer.start();
		try (NamespacedKubernetesClient kubernetes = KubernetesTestServer.admin(server)) {
			follow(new Registry("\"type\":\"kubernetes\",\"kubernetes\":{\"api_server\":\"" + server.url("/")
					+ "\",\"token\":\"" + KubernetesTestServer.TOKEN + "\"}", "default", (id, node) -> {
						// One slice per node: the nodes listen on different ports of
						// 127.0.0.1.
						EndpointSlice slice = KubernetesTestServer.slice("default", "k8s-httpbin", id,
								Map.of("http", node.port()), List.of("127.0.0.1"), List.of());
						kubernetes.resource(slice).create();
					},
					(id) -> kubernetes.discovery().v1().endpointSlices().inNamespace("default").withName(id).delete(),
					server::destroy), "k8s-httpbin", PUSH_BOUND);
		}
		finally {
			server.destroy();
		}
	}

	@Test
	void consul_emulatedHttpApi_blockingQueriesAreFollowedAndSurviveAnOutage() {
		try (ConsulEmulator consul = ConsulEmulator.start().requireToken("consul-acl-secret-7c1d")) {
			follow(new Registry(
					"\"type\":\"consul\",\"consul\":{\"address\":\"" + consul.address()
							+ "\",\"token\":\"consul-acl-secret-7c1d\"}",
					"", (id, node) -> consul.register("consul-httpbin", id, "127.0.0.1", node.port()),
					(id) -> consul.deregister("consul-httpbin", id), consul::stop), "consul-httpbin", PUSH_BOUND);
		}
	}

	@Test
	void eureka_realEurekaServer_registrationsAreFollowedAndSurviveAnOutage() {
		try (EurekaTestServer eureka = EurekaTestServer.start()) {
			follow(new Registry("\"type\":\"eureka\",\"eureka\":{\"service_urls\":[\"" + eureka.serviceUrl() + "\"]}",
					"", (id, node) -> eureka.register("eureka-httpbin", id, "127.0.0.1", node.port()),
					(id) -> eureka.deregister("eureka-httpbin", id), eureka::stop), "eureka-httpbin", POLL_BOUND);
		}
	}

	@Test
	void nacos_emulatedApi_subscriptionsAreFollowedAndSurviveAnOutage() {
		try (NacosEmulator nacos = NacosEmulator.start().requireLogin("portico", "nacos-password-5e2b")) {
			follow(new Registry(
					"\"type\":\"nacos\",\"nacos\":{\"address\":\"" + nacos.address()
							+ "\",\"username\":\"portico\",\"password\":\"nacos-password-5e2b\"}",
					"", (id, node) -> nacos.register("nacos-httpbin", id, "127.0.0.1", node.port()),
					(id) -> nacos.deregister("nacos-httpbin", id), nacos::stop), "nacos-httpbin", PUSH_BOUND);
		}
	}

	@Test
	void wrongTokenPasswordOrAddress_turnsTheConnectionUnhealthyWithAClearError_andNoSecretIsEverShown()
			throws Exception {
		try (ConsulEmulator consul = ConsulEmulator.start().requireToken("the-right-consul-token");
				NacosEmulator nacos = NacosEmulator.start().requireLogin("portico", "the-right-nacos-password")) {
			String consulId = createConnection("wrong-consul", "\"type\":\"consul\",\"consul\":{\"address\":\""
					+ consul.address() + "\",\"token\":\"wrong-consul-token-91f3\"}");
			String nacosId = createConnection("wrong-nacos", "\"type\":\"nacos\",\"nacos\":{\"address\":\""
					+ nacos.address() + "\",\"username\":\"portico\",\"password\":\"wrong-nacos-password-4d7a\"}");
			String k8sId = createConnection("wrong-k8s", "\"type\":\"kubernetes\",\"kubernetes\":{\"api_server\":"
					+ "\"http://127.0.0.1:" + LocalHost.freePort() + "\",\"token\":\"wrong-k8s-token-6b0e\"}");

			JsonNode consulStatus = awaitStatus(consulId, "unhealthy");
			JsonNode nacosStatus = awaitStatus(nacosId, "unhealthy");
			JsonNode k8sStatus = awaitStatus(k8sId, "unhealthy");

			assertThat(consulStatus.get("last_error").asString()).contains("ACL");
			assertThat(nacosStatus.get("last_error").asString()).isNotBlank();
			assertThat(k8sStatus.get("last_error").asString()).contains("connect");
			assertThat(consulStatus.get("last_checked_at").isNull()).isFalse();
			List<String> secrets = List.of("wrong-consul-token-91f3", "wrong-nacos-password-4d7a",
					"wrong-k8s-token-6b0e");
			String responses = cluster.admin().get("/api/gateway_groups/default/service_registries").body()
					+ cluster.admin()
						.get("/api/gateway_groups/default/service_registries/" + consulId + "/checks")
						.body()
					+ cluster.admin()
						.get("/api/gateway_groups/default/service_registries/" + nacosId + "/services")
						.body();
			for (String secret : secrets) {
				assertThat(responses).doesNotContain(secret);
				assertThat(log(cluster.adminProcess().log())).doesNotContain(secret);
				assertThat(log(cluster.gatewayProcess("default").log())).doesNotContain(secret);
			}
		}
	}

	/**
	 * The acceptance for one registry: healthy, publish, serve, add, remove, outage.
	 */
	private static void follow(Registry registry, String serviceName, Duration bound) {
		EchoServer nodeA = cluster.upstream(serviceName + "-a");
		EchoServer nodeB = cluster.upstream(serviceName + "-b");
		registry.announce("a", nodeA);
		String registryId = createConnection(serviceName, registry.connection());
		// Secrets at rest: the admin and the gateway work from an encrypted column.
		assertThat(storedSecrets(registryId)).as("stored secrets of %s", serviceName).matches("enc:v1:.*|\\{\\}");
		awaitStatus(registryId, "healthy");
		cluster.createTemplate(serviceName, serviceName + "-route", "/" + serviceName + "/*");
		HttpJson.Response published = cluster.admin()
			.post("/api/services/publish", "{\"gateway_group_id\":\"default\",\"services\":[{\"template_id\":\""
					+ serviceName + "\",\"version\":\"1.0.0\",\"upstream\":{\"service_registry_id\":\"" + registryId
					+ "\",\"namespace\":\"" + registry.namespace() + "\",\"service_name\":\"" + serviceName + "\"}}]}");
		assertThat(published.status()).as(published.body()).isEqualTo(200);
		String path = "/" + serviceName + "/anything";
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			HttpJson.Response response = cluster.gateway("default").get(path);
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.echoServer()).isEqualTo(nodeA.name());
		});

		registry.announce("b", nodeB);
		await().atMost(bound)
			.pollInterval(Duration.ofMillis(20))
			.untilAsserted(() -> assertThat(cluster.gateway("default").get(path).echoServer()).isEqualTo(nodeB.name()));

		registry.withdraw("a");
		await().atMost(bound).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
			for (int i = 0; i < 6; i++) {
				assertThat(cluster.gateway("default").get(path).echoServer()).isEqualTo(nodeB.name());
			}
		});

		registry.stop();
		awaitStatus(registryId, "unhealthy");
		for (int i = 0; i < 20; i++) {
			HttpJson.Response response = cluster.gateway("default").get(path);
			assertThat(response.status()).as("request %d after the registry stopped", i).isEqualTo(200);
			assertThat(response.echoServer()).isEqualTo(nodeB.name());
		}
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			JsonNode instance = cluster.admin().get("/api/gateway_groups/default/instances").json().get("list").get(0);
			assertThat(instance.get("discovery")
				.valueStream()
				.filter((d) -> d.get("service_registry_id").asString().equals(registryId))
				.findFirst()
				.orElseThrow()
				.get("stale")
				.asBoolean()).isTrue();
		});
	}

	private static String createConnection(String name, String typeAndSettings) {
		HttpJson.Response created = cluster.admin()
			.post("/api/gateway_groups/default/service_registries",
					"{\"name\":\"" + name + "\"," + typeAndSettings + "}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private static String storedSecrets(String registryId) {
		try (Connection connection = cluster.database().connect();
				PreparedStatement select = connection
					.prepareStatement("select secrets from service_registry where id = ?")) {
			select.setString(1, registryId);
			try (ResultSet rows = select.executeQuery()) {
				assertThat(rows.next()).as("service registry %s is stored", registryId).isTrue();
				return rows.getString(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode awaitStatus(String registryId, String status) {
		JsonNode[] last = new JsonNode[1];
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			last[0] = cluster.admin().get("/api/gateway_groups/default/service_registries/" + registryId).json();
			assertThat(last[0].get("status").asString()).as(last[0].toString()).isEqualTo(status);
		});
		return last[0];
	}

	private static String log(Path file) throws Exception {
		return Files.readString(file);
	}

	/**
	 * One registry under test, driven the way an operator or a platform would.
	 */
	/**
	 * A registry the test drives: the connection's JSON fields, the namespace of its
	 * services, and how nodes are announced and withdrawn and the registry stopped.
	 */
	private record Registry(String connection, String namespace, BiConsumer<String, EchoServer> onAnnounce,
			Consumer<String> onWithdraw, Runnable onStop) {

		void announce(String id, EchoServer node) {
			this.onAnnounce.accept(id, node);
		}

		void withdraw(String id) {
			this.onWithdraw.accept(id);
		}

		void stop() {
			this.onStop.run();
		}

	}

}

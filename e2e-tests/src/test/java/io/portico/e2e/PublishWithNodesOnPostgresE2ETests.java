package io.portico.e2e;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.portico.echo.EchoServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first half of the product tutorial and the foundation's acceptance, over HTTP
 * against the real admin jar and two gateway jars (groups {@code default} and
 * {@code test}) on PostgreSQL. Every test publishes its own template, so the tests share
 * the processes but not their state.
 */
class PublishWithNodesOnPostgresE2ETests {

	@AutoClose
	private static PorticoCluster cluster;

	private static EchoServer nodeA;

	private static EchoServer nodeB;

	@BeforeAll
	static void start() {
		cluster = PorticoCluster.start("e2e_nodes", "default", "test");
		nodeA = cluster.upstream("node-a");
		nodeB = cluster.upstream("node-b");
	}

	@Test
	void tutorial_publishHttpbinToDefault_gatewayAnswersWithTheUpstreamsEcho() {
		String routeId = cluster.createTemplate("httpbin", "getting-started-anything", "/anything/*");
		assertThat(routeId).isNotBlank();
		cluster.publish("default", "httpbin", "1.0.0", PorticoCluster.nodes(nodeA, 100));

		HttpJson.Response response = awaitServed("default", "/anything/publish", Map.of("Host", "localhost"));

		JsonNode echo = response.json();
		assertThat(response.echoServer()).isEqualTo("node-a");
		assertThat(echo.get("method").asString()).isEqualTo("GET");
		assertThat(echo.get("url").asString()).isEqualTo("http://localhost/anything/publish");
		assertThat(echo.get("headers").get("Host").asString()).isEqualTo("localhost");
		assertThat(echo.get("headers").get("X-Forwarded-Host").asString()).isEqualTo("localhost");
		assertThat(echo.get("headers").has("X-Forwarded-For")).isTrue();
		assertThat(echo.get("headers").get("X-Forwarded-Proto").asString()).isEqualTo("http");
		assertThat(echo.get("origin").asString()).contains("127.0.0.1");
		assertThat(echo.has("args")).isTrue();
		assertThat(cluster.gateway("default").get("/anything").status()).as("/anything/* needs a segment")
			.isEqualTo(404);
	}

	@Test
	void newVersion_withChangedRoute_switchesTheGatewayAndKeepsHistory_republishingItIs409() {
		String routeId = cluster.createTemplate("versioned", "v-route", "/v1/*");
		cluster.publish("default", "versioned", "1.0.0", PorticoCluster.nodes(nodeA, 100));
		awaitServed("default", "/v1/x", Map.of());
		HttpJson.Response edited = cluster.admin()
			.put("/api/services/template/versioned/routes/" + routeId,
					"{\"name\":\"v-route\",\"paths\":[\"/v2/*\"],\"methods\":[\"GET\"]}");
		assertThat(edited.status()).as(edited.body()).isEqualTo(200);

		cluster.publish("default", "versioned", "1.1.0", PorticoCluster.nodes(nodeA, 100));

		awaitServed("default", "/v2/x", Map.of());
		assertThat(cluster.gateway("default").get("/v1/x").status()).isEqualTo(404);
		JsonNode history = cluster.admin().get("/api/gateway_groups/default/services/versioned/versions").json();
		assertThat(history.get("list").valueStream().map((v) -> v.get("version").asString())).containsExactly("1.1.0",
				"1.0.0");
		JsonNode current = cluster.admin().get("/api/gateway_groups/default/services/versioned").json();
		assertThat(current.get("version").asString()).isEqualTo("1.1.0");
		HttpJson.Response again = cluster.admin()
			.post("/api/services/publish",
					PorticoCluster.publishBody("default", "versioned", "1.1.0", PorticoCluster.nodes(nodeA, 100)));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.contentType()).startsWith("application/problem+json");
		assertThat(again.json().get("errors").get(0).get("field").asString()).isEqualTo("services[0].version");
	}

	@Test
	void groupIsolation_sameTemplateInTestWithAnotherNode_isServedByTheTestGatewayOnly() {
		cluster.createTemplate("isolated", "iso-route", "/iso/*");
		cluster.publish("test", "isolated", "1.0.0", PorticoCluster.nodes(nodeB, 100));

		HttpJson.Response fromTest = awaitServed("test", "/iso/x", Map.of());

		assertThat(fromTest.echoServer()).isEqualTo("node-b");
		assertThat(cluster.gateway("default").get("/iso/x").status()).isEqualTo(404);
		cluster.publish("default", "isolated", "1.0.0", PorticoCluster.nodes(nodeA, 100));
		assertThat(awaitServed("default", "/iso/x", Map.of()).echoServer()).isEqualTo("node-a");
		assertThat(cluster.gateway("test").get("/iso/x").echoServer()).isEqualTo("node-b");
	}

	@Test
	void weightedNodes_100And300_share4000RequestsWithin5PercentOf1To3() {
		cluster.createTemplate("weighted", "w-route", "/weighted/*");
		cluster.publish("default", "weighted", "1.0.0",
				"{\"nodes\":[" + PorticoCluster.node(nodeA, 100) + "," + PorticoCluster.node(nodeB, 300) + "]}");
		awaitServed("default", "/weighted/x", Map.of());

		Map<String, Integer> counts = new TreeMap<>();
		for (int i = 0; i < 4000; i++) {
			HttpJson.Response response = cluster.gateway("default").get("/weighted/" + i);
			assertThat(response.status()).isEqualTo(200);
			counts.merge(response.echoServer(), 1, Integer::sum);
		}

		assertThat(counts.keySet()).containsExactly("node-a", "node-b");
		assertThat(counts.get("node-a")).isBetween(950, 1050);
		assertThat(counts.get("node-b")).isBetween(2850, 3150);
	}

	@Test
	void publish_instanceListShowsGatewayHealthyWithTheGroupsRevisionWithinOneSecond() {
		cluster.createTemplate("revisioned", "r-route", "/revisioned/*");
		HttpJson.Response published = cluster.publish("default", "revisioned", "1.0.0",
				PorticoCluster.nodes(nodeA, 100));
		long revision = published.json().get("config_revision").asLong();
		assertThat(cluster.admin().get("/api/gateway_groups/default").json().get("config_revision").asLong())
			.isGreaterThanOrEqualTo(revision);

		await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			JsonNode instances = cluster.admin().get("/api/gateway_groups/default/instances").json();
			assertThat(instances.get("list")).singleElement().satisfies((instance) -> {
				assertThat(instance.get("status").asString()).isEqualTo("healthy");
				assertThat(instance.get("config_revision").asLong()).isGreaterThanOrEqualTo(revision);
			});
		});
		JsonNode testInstances = cluster.admin().get("/api/gateway_groups/test/instances").json();
		assertThat(testInstances.get("total").asInt()).isEqualTo(1);
	}

	@Test
	void uncompilableRowInsertedWithSql_isSkippedAndReported_theGroupsOtherRoutesKeepServing() {
		cluster.createTemplate("survivor", "s-route", "/survivor/*");
		cluster.publish("default", "survivor", "1.0.0", PorticoCluster.nodes(nodeA, 100));
		awaitServed("default", "/survivor/x", Map.of());

		cluster.database()
			.execute(
					"insert into published_version (id, gateway_group_id, service_id, service_name, service_type,"
							+ " upstream_scheme, version, routes, runtime, published_by, published_at) values ('bad-v',"
							+ " 'default', 'bad-service', 'bad', 'http', 'http', '1.0.0',"
							+ " '[{\"id\":\"r\",\"name\":\"r\",\"paths\":[\"no-slash\"],\"methods\":[\"GET\"]}]',"
							+ " '{\"upstream\":{\"nodes\":[{\"host\":\"127.0.0.1\",\"port\":" + nodeA.port() + "}]}}',"
							+ " 'sql', current_timestamp)",
					"insert into published_service (gateway_group_id, service_id, current_version_id, runtime,"
							+ " upstream_kind, created_at, updated_at) select 'default', 'bad-service', 'bad-v',"
							+ " runtime, 'nodes', current_timestamp, current_timestamp from published_version"
							+ " where id = 'bad-v'",
					"update gateway_group set config_revision = config_revision + 1 where id = 'default'",
					"select pg_notify('portico_config', 'default')");

		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			JsonNode instance = cluster.admin().get("/api/gateway_groups/default/instances").json().get("list").get(0);
			assertThat(instance.get("config_errors").toString()).contains("bad-service").contains("paths");
		});
		assertThat(cluster.gateway("default").get("/survivor/y").status()).isEqualTo(200);
		assertThat(cluster.gatewayProcess("default").log()).content().contains("bad-service");
	}

	/**
	 * Publishing is asynchronous towards the gateway: wait for the path, at most two
	 * seconds.
	 */
	private static HttpJson.Response awaitServed(String group, String path, Map<String, String> headers) {
		HttpJson.Response[] last = new HttpJson.Response[1];
		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(25)).untilAsserted(() -> {
			last[0] = cluster.gateway(group).get(path, headers);
			assertThat(last[0].status()).isEqualTo(200);
		});
		return last[0];
	}

}

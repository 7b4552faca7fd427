package io.portico.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.portico.echo.EchoServer;
import io.portico.registry.testkit.ConsulEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The version lifecycle over HTTP against the real admin jar and gateways of groups
 * {@code test}, {@code prod} and {@code default} on PostgreSQL: OpenAPI import,
 * promotion, rollback, canaries (weighted, conditional, sticky, between versions, from
 * nodes to discovery) and refusals. Every test works on its own template, so tests share
 * the processes but not their state.
 */
class VersionLifecycleE2ETests {

	@AutoClose
	private static PorticoCluster cluster;

	private static EchoServer nodeA;

	private static EchoServer nodeB;

	@BeforeAll
	static void start() {
		cluster = PorticoCluster.start("e2e_lifecycle", List.of("--portico.admin.registries.check-interval=1s"),
				"default", "test", "prod");
		nodeA = cluster.upstream("node-a");
		nodeB = cluster.upstream("node-b");
	}

	@Test
	void import_petstore30YamlAnd20Json_createTheExpectedRoutes_twiceChangesNothing_malformedIs400WithLocation() {
		HttpJson.Response yaml = cluster.admin()
			.post("/api/services/template/import?id=petstore3", resource("petstore-3.0.yaml"), "application/yaml");
		assertThat(yaml.status()).as(yaml.body()).isEqualTo(201);
		JsonNode created = yaml.json();
		assertThat(created.get("created").asBoolean()).isTrue();
		assertThat(created.get("template").get("name").asString()).isEqualTo("Swagger Petstore - OpenAPI 3.0");
		assertThat(created.get("routes").get("added")).hasSize(19);
		JsonNode routes = cluster.admin().get("/api/services/template/petstore3/routes?page_size=100").json();
		assertThat(routes.get("total").asInt()).isEqualTo(19);
		JsonNode getPetById = routes.get("list")
			.valueStream()
			.filter((route) -> route.get("name").asString().equals("getPetById"))
			.findFirst()
			.orElseThrow();
		assertThat(getPetById.get("paths").get(0).asString()).isEqualTo("/pet/{petId}");
		assertThat(getPetById.get("methods").get(0).asString()).isEqualTo("GET");
		assertThat(created.get("suggested_nodes").get(0).get("host").asString()).isEqualTo("petstore3.swagger.io");

		HttpJson.Response again = cluster.admin()
			.post("/api/services/template/import?template_id=petstore3", resource("petstore-3.0.yaml"),
					"application/yaml");
		assertThat(again.status()).as(again.body()).isEqualTo(200);
		assertThat(again.json().get("routes").get("added")).isEmpty();
		assertThat(again.json().get("routes").get("updated")).isEmpty();
		assertThat(again.json().get("routes").get("removed")).isEmpty();
		assertThat(cluster.admin().get("/api/services/template/petstore3/routes?page_size=100").body())
			.isEqualTo(cluster.admin().get("/api/services/template/petstore3/routes?page_size=100").body())
			.contains("getPetById");

		HttpJson.Response json = cluster.admin()
			.post("/api/services/template/import?id=petstore2", resource("petstore-2.0.json"), "application/json");
		assertThat(json.status()).as(json.body()).isEqualTo(201);
		assertThat(json.json().get("routes").get("added")).hasSize(20);

		HttpJson.Response malformed = cluster.admin()
			.post("/api/services/template/import", resource("malformed.yaml"), "application/yaml");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.contentType()).startsWith("application/problem+json");
		assertThat(malformed.json().get("errors").get(0).get("field").asString()).isNotBlank();

		cluster.publish("default", "petstore3", "1.0.0", nodes(nodeA));
		awaitServedBy("default", "/pet/42", nodeA);
	}

	@Test
	void promote_1_0_0FromTestToProdWithAnotherNode_prodGatewayServesItFromThatNode() {
		createTemplate("promoted", "/promoted/*");
		cluster.publish("test", "promoted", "1.0.0", nodes(nodeA));
		awaitServedBy("test", "/promoted/x", nodeA);

		HttpJson.Response promoted = cluster.admin()
			.post("/api/services/sync",
					"{\"source_gateway_group_id\":\"test\",\"target_gateway_group_id\":\"prod\",\"services\":"
							+ "[{\"service_id\":\"promoted\",\"upstream\":" + nodes(nodeB) + "}]}");

		assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
		awaitServedBy("prod", "/promoted/x", nodeB);
		assertThat(cluster.admin().get("/api/gateway_groups/prod/services/promoted").json().get("version").asString())
			.isEqualTo("1.0.0");
		assertThat(cluster.gateway("test").get("/promoted/x").echoServer()).isEqualTo(nodeA.name());
	}

	@Test
	void rollback_1_1_0To1_0_0_theGatewayServes1_0_0sRoutesAgainWithinOneSecond() {
		String routeId = createTemplate("rolled", "/rolled-v1/*");
		cluster.publish("default", "rolled", "1.0.0", nodes(nodeA));
		editRoute("rolled", routeId, "/rolled-v2/*");
		cluster.publish("default", "rolled", "1.1.0", nodes(nodeA));
		awaitServedBy("default", "/rolled-v2/x", nodeA);

		HttpJson.Response rolledBack = cluster.admin()
			.post("/api/gateway_groups/default/services/rolled/rollback", "{\"version\":\"1.0.0\"}");

		assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
			assertThat(cluster.gateway("default").get("/rolled-v1/x").status()).isEqualTo(200);
			assertThat(cluster.gateway("default").get("/rolled-v2/x").status()).isEqualTo(404);
		});
	}

	@Test
	void upstreamCanary_atWeight20_splits10000RequestsWithinTwoPercentOf80To20() {
		createTemplate("weighted-canary", "/weighted-canary/*");
		cluster.publish("default", "weighted-canary", "1.0.0", nodes(nodeA));
		putCanary("weighted-canary", "{\"weight\":20,\"upstream\":" + nodes(nodeB) + "}");
		awaitServedBy("default", "/weighted-canary/x", nodeB);

		Map<String, Integer> counts = count(10_000, (i) -> cluster.gateway("default").get("/weighted-canary/" + i));

		assertThat(counts.get(nodeA.name())).isBetween(7800, 8200);
		assertThat(counts.get(nodeB.name())).isBetween(1800, 2200);
	}

	@Test
	void upstreamCanary_withAHeaderCondition_sendsExactlyTheMatchingRequestsToTheCanary() {
		createTemplate("header-canary", "/header-canary/*");
		cluster.publish("default", "header-canary", "1.0.0", nodes(nodeA));
		putCanary("header-canary",
				"{\"conditions\":{\"match\":\"all\",\"rules\":[{\"source\":\"header\","
						+ "\"name\":\"X-Canary\",\"operator\":\"equals\",\"value\":\"on\"}]},\"upstream\":"
						+ nodes(nodeB) + "}");
		awaitServedBy("default", "/header-canary/x", nodeB, Map.of("X-Canary", "on"));

		for (int i = 0; i < 200; i++) {
			boolean matching = i % 3 == 0;
			HttpJson.Response response = cluster.gateway("default")
				.get("/header-canary/" + i, matching ? Map.of("X-Canary", "on") : Map.of("X-Canary", "off"));
			assertThat(response.echoServer()).as("request %d", i).isEqualTo(matching ? nodeB.name() : nodeA.name());
		}
	}

	@Test
	void stickyCanary_keepsEachOf100ClientsOnOneSideForAllOfItsRequests() {
		createTemplate("sticky-canary", "/sticky-canary/*");
		cluster.publish("default", "sticky-canary", "1.0.0", nodes(nodeA));
		putCanary("sticky-canary", "{\"weight\":30,\"sticky\":{\"source\":\"header\",\"name\":\"X-Client\"},"
				+ "\"upstream\":" + nodes(nodeB) + "}");
		// Which keys hash onto the canary is deterministic, so wait until any of 50 keys
		// lands there.
		await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			Set<String> servers = new java.util.HashSet<>();
			for (int probe = 0; probe < 50; probe++) {
				servers.add(cluster.gateway("default")
					.get("/sticky-canary/x", Map.of("X-Client", "probe-" + probe))
					.echoServer());
			}
			assertThat(servers).contains(nodeB.name());
		});

		Map<String, Set<String>> sides = new ConcurrentHashMap<>();
		for (int round = 0; round < 10; round++) {
			for (int client = 0; client < 100; client++) {
				String id = "client-" + client;
				HttpJson.Response response = cluster.gateway("default")
					.get("/sticky-canary/" + round, Map.of("X-Client", id));
				sides.computeIfAbsent(id, (k) -> ConcurrentHashMap.newKeySet()).add(response.echoServer());
			}
		}

		assertThat(sides).hasSize(100);
		assertThat(sides.values()).allSatisfy((set) -> assertThat(set).hasSize(1));
		long onCanary = sides.values().stream().filter((set) -> set.contains(nodeB.name())).count();
		assertThat(onCanary).isBetween(15L, 45L);
	}

	@Test
	void versionCanary_servesARouteOnlyInTheNewVersionToTheCanaryShareOnly_finishingPromotesIt() {
		String routeId = createTemplate("version-canary", "/vc/shared/*");
		cluster.publish("default", "version-canary", "1.0.0", nodes(nodeA));
		HttpJson.Response addRoute = cluster.admin()
			.post("/api/services/template/version-canary/routes",
					"{\"name\":\"vc-new\",\"paths\":[\"/vc/new/*\"],\"methods\":[\"GET\"]}");
		assertThat(addRoute.status()).as(addRoute.body()).isEqualTo(201);
		assertThat(routeId).isNotBlank();
		HttpJson.Response staged = cluster.admin()
			.post("/api/services/publish", "{\"gateway_group_id\":\"default\",\"services\":[{\"template_id\":"
					+ "\"version-canary\",\"version\":\"2.0.0\",\"current\":false}]}");
		assertThat(staged.status()).as(staged.body()).isEqualTo(200);
		assertThat(cluster.admin()
			.get("/api/gateway_groups/default/services/version-canary")
			.json()
			.get("version")
			.asString()).isEqualTo("1.0.0");

		putCanary("version-canary", "{\"weight\":25,\"version\":\"2.0.0\"}");
		await().atMost(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(20))
			.untilAsserted(() -> assertThat(cluster.gateway("default").get("/vc/new/x").status()).isEqualTo(200));

		Map<String, Integer> newRoute = count(400, (i) -> cluster.gateway("default").get("/vc/new/" + i));
		Map<String, Integer> shared = count(400, (i) -> cluster.gateway("default").get("/vc/shared/" + i));
		assertThat(newRoute.getOrDefault("404", 0)).isEqualTo(300);
		assertThat(newRoute.getOrDefault(nodeA.name(), 0)).isEqualTo(100);
		assertThat(shared.getOrDefault(nodeA.name(), 0)).isEqualTo(400);

		HttpJson.Response finished = cluster.admin()
			.post("/api/gateway_groups/default/services/version-canary/canary/finish", "{\"side\":\"canary\"}");
		assertThat(finished.status()).as(finished.body()).isEqualTo(200);
		assertThat(cluster.admin()
			.get("/api/gateway_groups/default/services/version-canary")
			.json()
			.get("version")
			.asString()).isEqualTo("2.0.0");
		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
			for (int i = 0; i < 20; i++) {
				assertThat(cluster.gateway("default").get("/vc/new/" + i).status()).isEqualTo(200);
			}
		});
	}

	@Test
	void nodesToDiscovery_throughACanary_endsOnDiscoveryWithNoFailedRequestUnderSteadyLoad() throws Exception {
		try (ConsulEmulator consul = ConsulEmulator.start()) {
			consul.register("moving", "b1", "127.0.0.1", nodeB.port());
			HttpJson.Response registry = cluster.admin()
				.post("/api/gateway_groups/default/service_registries", "{\"name\":\"consul-move\",\"type\":\"consul\","
						+ "\"consul\":{\"address\":\"" + consul.address() + "\"}}");
			assertThat(registry.status()).as(registry.body()).isEqualTo(201);
			String registryId = registry.json().get("id").asString();
			createTemplate("moving", "/moving/*");
			cluster.publish("default", "moving", "1.0.0", nodes(nodeA));
			awaitServedBy("default", "/moving/x", nodeA);

			List<String> failures = new CopyOnWriteArrayList<>();
			AtomicInteger sent = new AtomicInteger();
			AtomicBoolean running = new AtomicBoolean(true);
			List<Thread> load = new ArrayList<>();
			for (int t = 0; t < 3; t++) {
				Thread thread = new Thread(() -> {
					while (running.get()) {
						HttpJson.Response response = cluster.gateway("default")
							.get("/moving/" + sent.incrementAndGet());
						if (response.status() != 200) {
							failures.add(response.status() + " " + response.body());
						}
					}
				});
				thread.start();
				load.add(thread);
			}
			String discovery = "{\"service_registry_id\":\"" + registryId + "\",\"namespace\":\"\",\"service_name\":"
					+ "\"moving\"}";
			for (int weight : new int[] { 0, 10, 50, 100 }) {
				putCanary("moving", "{\"weight\":" + weight + ",\"upstream\":" + discovery + "}");
				Thread.sleep(700);
			}
			HttpJson.Response finished = cluster.admin()
				.post("/api/gateway_groups/default/services/moving/canary/finish", "{\"side\":\"canary\"}");
			assertThat(finished.status()).as(finished.body()).isEqualTo(200);
			Thread.sleep(1000);
			running.set(false);
			for (Thread thread : load) {
				thread.join(10_000);
			}

			assertThat(failures).as("failed requests out of %d", sent.get()).isEmpty();
			assertThat(sent.get()).isGreaterThan(300);
			JsonNode service = cluster.admin().get("/api/gateway_groups/default/services/moving").json();
			assertThat(service.toString()).contains(registryId);
			assertThat(awaitServedBy("default", "/moving/y", nodeB).status()).isEqualTo(200);
		}
	}

	@Test
	void unpublish_theGroupsGatewaysStopServingIt_andItsHistoryStays() {
		createTemplate("unpublished", "/unpublished/*");
		cluster.publish("default", "unpublished", "1.0.0", nodes(nodeA));
		awaitServedBy("default", "/unpublished/x", nodeA);

		HttpJson.Response deleted = cluster.admin().delete("/api/gateway_groups/default/services/unpublished");

		assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(20))
			.untilAsserted(() -> assertThat(cluster.gateway("default").get("/unpublished/x").status()).isEqualTo(404));
		assertThat(cluster.admin().get("/api/gateway_groups/default/services/unpublished").status()).isEqualTo(404);
		JsonNode history = cluster.admin().get("/api/gateway_groups/default/services/unpublished/versions").json();
		assertThat(history.get("list").get(0).get("version").asString()).isEqualTo("1.0.0");
	}

	@Test
	void badInput_eachIs4xxProblemNamingTheFieldAndChangesNothing() {
		createTemplate("guarded", "/guarded/*");
		cluster.publish("default", "guarded", "1.0.0", nodes(nodeA));
		createTemplate("other-service", "/other-service/*");
		cluster.publish("default", "other-service", "1.0.0", nodes(nodeA));
		String otherVersionId = cluster.admin()
			.get("/api/gateway_groups/default/services/other-service/versions")
			.json()
			.get("list")
			.get(0)
			.get("id")
			.asString();
		String before = state();

		assertRefused(cluster.admin()
			.put("/api/gateway_groups/default/services/guarded/canary",
					"{\"weight\":101,\"upstream\":" + nodes(nodeB) + "}"),
				"weight");
		assertRefused(cluster.admin()
			.put("/api/gateway_groups/default/services/guarded/canary",
					"{\"weight\":-1,\"upstream\":" + nodes(nodeB) + "}"),
				"weight");
		assertRefused(cluster.admin()
			.put("/api/gateway_groups/default/services/guarded/canary",
					"{\"conditions\":{\"match\":\"all\",\"rules\":[{\"source\":\"body\",\"name\":\"x\",\"operator\":"
							+ "\"equals\",\"value\":\"1\"}]},\"upstream\":" + nodes(nodeB) + "}"),
				"conditions.rules[0].source");
		assertRefused(cluster.admin()
			.put("/api/gateway_groups/default/services/guarded/canary",
					"{\"weight\":20,\"version_id\":\"" + otherVersionId + "\"}"),
				"version_id");
		assertRefused(
				cluster.admin()
					.post("/api/gateway_groups/default/services/guarded/rollback", "{\"version\":\"0.9.0\"}"),
				"version");
		assertRefused(cluster.admin()
			.post("/api/services/sync",
					"{\"source_gateway_group_id\":\"default\",\"target_gateway_group_id\":\"default\",\"services\":"
							+ "[{\"service_id\":\"guarded\"}]}"),
				"target_gateway_group_id");

		assertThat(state()).isEqualTo(before);
	}

	private static void assertRefused(HttpJson.Response response, String field) {
		assertThat(response.status()).as(response.body()).isBetween(400, 499);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("errors").valueStream().map((error) -> error.get("field").asString()))
			.as(response.body())
			.contains(field);
	}

	/**
	 * What a refused request must not change: revisions and every published service with
	 * its canary.
	 */
	private static String state() {
		StringBuilder state = new StringBuilder();
		for (String group : List.of("default", "test", "prod")) {
			state.append(cluster.admin().get("/api/gateway_groups/" + group).json().get("config_revision"))
				.append('\n');
			for (JsonNode service : cluster.admin()
				.get("/api/gateway_groups/" + group + "/services?page_size=500")
				.json()
				.get("list")) {
				String id = service.get("service_id").asString();
				state.append(cluster.admin().get("/api/gateway_groups/" + group + "/services/" + id).body())
					.append(cluster.admin()
						.get("/api/gateway_groups/" + group + "/services/" + id + "/versions")
						.body())
					.append('\n');
			}
		}
		return state.toString();
	}

	private static void putCanary(String service, String body) {
		HttpJson.Response response = cluster.admin()
			.put("/api/gateway_groups/default/services/" + service + "/canary", body);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	private static Map<String, Integer> count(int requests, java.util.function.IntFunction<HttpJson.Response> send) {
		Map<String, Integer> counts = new TreeMap<>();
		for (int i = 0; i < requests; i++) {
			HttpJson.Response response = send.apply(i);
			String key = (response.status() == 200) ? response.echoServer() : String.valueOf(response.status());
			counts.merge(key, 1, Integer::sum);
		}
		return counts;
	}

	private static String createTemplate(String name, String path) {
		return cluster.createTemplate(name, name + "-route", path);
	}

	private static void editRoute(String template, String routeId, String path) {
		HttpJson.Response edited = cluster.admin()
			.put("/api/services/template/" + template + "/routes/" + routeId,
					"{\"name\":\"" + template + "-route\",\"paths\":[\"" + path + "\"],\"methods\":[\"GET\"]}");
		assertThat(edited.status()).as(edited.body()).isEqualTo(200);
	}

	private static String nodes(EchoServer node) {
		return PorticoCluster.nodes(node, 100);
	}

	private static HttpJson.Response awaitServedBy(String group, String path, EchoServer node) {
		return awaitServedBy(group, path, node, Map.of());
	}

	private static HttpJson.Response awaitServedBy(String group, String path, EchoServer node,
			Map<String, String> headers) {
		HttpJson.Response[] last = new HttpJson.Response[1];
		await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
			last[0] = cluster.gateway(group).get(path, headers);
			assertThat(last[0].echoServer()).as(last[0].status() + " " + last[0].body()).isEqualTo(node.name());
		});
		return last[0];
	}

	private static String resource(String name) {
		try (InputStream in = VersionLifecycleE2ETests.class.getResourceAsStream("/openapi/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package io.portico.admin.publish;

import java.util.Map;

import io.portico.admin.AdminApi;
import io.portico.admin.AdminHttpTest;
import io.portico.admin.AdminTestDatabase;
import io.portico.admin.registry.FakeRegistryConfiguration;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.portico.admin.AdminApi.problem;
import static io.portico.admin.AdminApi.refusedForCanary;
import static io.portico.admin.AdminFixtures.route;
import static io.portico.admin.AdminFixtures.template;
import static io.portico.admin.AdminFixtures.consulRegistry;
import static io.portico.admin.AdminFixtures.group;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing with a discovery upstream and editing the runtime configuration of a
 * published service: the registry must be one of the group's, and nodes never switch to
 * discovery (or back) in place.
 */
@AdminHttpTest
@Import(FakeRegistryConfiguration.class)
class PublishDiscoveryTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("admindisco");

	@Autowired
	WebTestClient client;

	@Autowired
	AdminApi api;

	@BeforeAll
	static void fixtures() {
		schema.execute(group("other"), consulRegistry("reg-default", "default"),
				consulRegistry("reg-default-2", "default"), consulRegistry("reg-other", "other"));
		for (String id : new String[] { "disco", "by-nodes", "to-nodes", "to-disco", "refused", "other-reg",
				"edit-disco" }) {
			schema.execute(template(id), route(id, "/" + id + "/*"));
		}
	}

	@Test
	void publish_withDiscovery_storesTheUpstreamAndBumpsTheRevision() {
		long revision = revision();
		publish("disco", discovery("reg-default", "default", "httpbin")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.config_revision")
			.isEqualTo(revision + 1)
			.jsonPath("$.list[0].upstream_kind")
			.isEqualTo("discovery");
		this.api.get("/api/gateway_groups/default/services/disco")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.upstream_kind")
			.isEqualTo("discovery")
			.jsonPath("$.runtime.upstream.service_registry_id")
			.isEqualTo("reg-default")
			.jsonPath("$.runtime.upstream.namespace")
			.isEqualTo("default")
			.jsonPath("$.runtime.upstream.service_name")
			.isEqualTo("httpbin")
			.jsonPath("$.runtime.upstream.nodes")
			.doesNotExist();
		assertThat(AdminTestDatabase.queryString(schema,
				"select runtime from published_service where service_id = 'disco'"))
			.contains("\"service_registry_id\":\"reg-default\"");
	}

	@Test
	void publish_withARegistryOfAnotherGroup_returns400NamingTheField() {
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		problem(publish("other-reg", discovery("reg-other", "", "httpbin")), 400).jsonPath("$.errors[0].field")
			.isEqualTo("services[0].upstream.service_registry_id")
			.jsonPath("$.errors[0].message")
			.value((message) -> assertThat(message.toString()).contains("belongs to gateway group 'other'"));
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void publish_withAnUnknownRegistry_returns404NamingTheField() {
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		publish("other-reg", discovery("no-such-registry", "", "httpbin")).expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("services[0].upstream.service_registry_id");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void putRuntime_onNodes_replacesTheRuntimeKeepsTheVersionAndBumpsTheRevision() {
		publish("by-nodes", nodes("a.example", 80)).expectStatus().isOk();
		long revision = revision();
		putRuntime("by-nodes",
				"{\"upstream\": {\"nodes\": [{\"host\": \"b.example\", \"port\": 8080, \"weight\": 5}]}, \"hosts\":"
						+ " [\"api.example.com\"], \"path_prefix\": \"/v1\", \"pass_host\": \"node\", \"timeout\":"
						+ " {\"connect\": 1.5}}")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.service_id")
			.isEqualTo("by-nodes")
			.jsonPath("$.version")
			.isEqualTo("1.0.0")
			.jsonPath("$.runtime.upstream.nodes[0].host")
			.isEqualTo("b.example")
			.jsonPath("$.runtime.upstream.nodes[0].port")
			.isEqualTo(8080)
			.jsonPath("$.runtime.upstream.nodes[0].weight")
			.isEqualTo(5)
			.jsonPath("$.runtime.hosts[0]")
			.isEqualTo("api.example.com")
			.jsonPath("$.runtime.path_prefix")
			.isEqualTo("/v1")
			.jsonPath("$.runtime.pass_host")
			.isEqualTo("node")
			.jsonPath("$.runtime.timeout.connect")
			.isEqualTo(1.5);
		assertThat(revision()).isEqualTo(revision + 1);
		this.api.get("/api/gateway_groups/default/services/by-nodes")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.runtime.upstream.nodes[0].host")
			.isEqualTo("b.example");
		this.api.get("/api/gateway_groups/default/services/by-nodes/versions")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(1);

		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		putRuntime("by-nodes", "{\"upstream\": {\"nodes\": [{\"host\": \"b.example\", \"port\": 0}]}}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("upstream.nodes[0].port");
		putRuntime("by-nodes", "{\"hosts\": [\"api.example.com\"]}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("upstream");
		putRuntime("by-nodes",
				"{\"upstream\": {\"nodes\": [{\"host\": \"b.example\", \"port\": 80}]}, \"pass_host\":" + " \"keep\"}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("pass_host");
		putRuntime("no-such-service", "{\"upstream\": " + nodes("a.example", 80) + "}").expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("service_id");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void putRuntime_onDiscovery_movesToAnotherRegistryOfTheGroupOnly() {
		publish("edit-disco", discovery("reg-default", "default", "httpbin")).expectStatus().isOk();
		putRuntime("edit-disco", "{\"upstream\": " + discovery("reg-default-2", "apps", "echo") + "}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.runtime.upstream.service_registry_id")
			.isEqualTo("reg-default-2")
			.jsonPath("$.runtime.upstream.namespace")
			.isEqualTo("apps")
			.jsonPath("$.runtime.upstream.service_name")
			.isEqualTo("echo");

		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		putRuntime("edit-disco", "{\"upstream\": " + discovery("reg-other", "", "echo") + "}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("upstream.service_registry_id");
		putRuntime("edit-disco", "{\"upstream\": " + discovery("no-such-registry", "", "echo") + "}").expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("upstream.service_registry_id");
		putRuntime("edit-disco", "{\"upstream\": {\"service_registry_id\": \"reg-default\"}}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("upstream.service_name");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void putRuntime_switchingNodesToDiscovery_returns409PointingAtCanary() {
		publish("to-disco", nodes("a.example", 80)).expectStatus().isOk();
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		refusedForCanary(
				putRuntime("to-disco", "{\"upstream\": " + discovery("reg-default", "default", "httpbin") + "}"),
				"upstream", "uses nodes");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void putRuntime_switchingDiscoveryToNodes_returns409PointingAtCanary() {
		publish("to-nodes", discovery("reg-default", "default", "httpbin")).expectStatus().isOk();
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		refusedForCanary(putRuntime("to-nodes", "{\"upstream\": " + nodes("a.example", 80) + "}"), "upstream",
				"uses discovery");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void republish_switchingDiscoveryToNodes_returns409PointingAtCanary() {
		publish("refused", discovery("reg-default", "default", "httpbin")).expectStatus().isOk();
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		refusedForCanary(this.api.post("/api/services/publish",
				"{\"gateway_group_id\": \"default\", \"services\": [{\"template_id\": \"refused\","
						+ " \"version\": \"2.0.0\", \"upstream\": {\"nodes\": [{\"host\": \"a.example\", \"port\": 80}]}}]}"),
				"services[0].upstream");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	private WebTestClient.ResponseSpec publish(String template, String upstream) {
		return this.api.post("/api/services/publish",
				"{\"gateway_group_id\": \"default\", \"services\": [{\"template_id\": \"" + template
						+ "\", \"version\": \"1.0.0\", \"upstream\": " + upstream + "}]}");
	}

	private WebTestClient.ResponseSpec putRuntime(String service, String json) {
		return this.client.put()
			.uri("/api/gateway_groups/default/services/{id}/runtime", service)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange();
	}

	private static String discovery(String registry, String namespace, String service) {
		return "{\"service_registry_id\": \"" + registry + "\", \"namespace\": \"" + namespace
				+ "\", \"service_name\": \"" + service + "\"}";
	}

	private static String nodes(String host, int port) {
		return "{\"nodes\": [{\"host\": \"" + host + "\", \"port\": " + port + "}]}";
	}

	private static long revision() {
		return AdminTestDatabase.queryLong(schema, "select config_revision from gateway_group where id = 'default'");
	}

}

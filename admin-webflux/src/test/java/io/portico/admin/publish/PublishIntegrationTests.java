package io.portico.admin.publish;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.portico.admin.AdminApi;
import io.portico.admin.AdminHttpTest;
import io.portico.admin.AdminTestDatabase;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.portico.admin.AdminApi.problem;
import static io.portico.admin.AdminApi.refusedForCanary;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing over HTTP against PostgreSQL: the tutorial's httpbin service, republishing,
 * version history, revision bumps and the notification gateways listen for.
 */
@AdminHttpTest
class PublishIntegrationTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("adminpub");

	@Autowired
	WebTestClient client;

	@Autowired
	AdminApi api;

	@Test
	void publish_httpbinTwice_servesNewestVersionAndKeepsHistory() {
		createTemplate("httpbin");
		createRoute("httpbin", "getting-started-anything", "/anything/*");
		long revision = AdminTestDatabase.queryLong(schema,
				"select config_revision from gateway_group where id = 'default'");

		this.api.post("/api/services/publish", publishBody("default", "httpbin", "1.0.0", true))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.gateway_group_id")
			.isEqualTo("default")
			.jsonPath("$.config_revision")
			.isEqualTo(revision + 1)
			.jsonPath("$.total")
			.isEqualTo(1)
			.jsonPath("$.list[0].service_id")
			.isEqualTo("httpbin")
			.jsonPath("$.list[0].version")
			.isEqualTo("1.0.0")
			.jsonPath("$.list[0].published_by")
			.isEqualTo("admin")
			.jsonPath("$.list[0].upstream_kind")
			.isEqualTo("nodes");

		this.api.get("/api/gateway_groups/default")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.config_revision")
			.isEqualTo(revision + 1);
		this.api.get("/api/gateway_groups/default/services")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(1)
			.jsonPath("$.list[0].name")
			.isEqualTo("httpbin")
			.jsonPath("$.list[0].version")
			.isEqualTo("1.0.0");
		this.api.get("/api/gateway_groups/default/services/httpbin")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo("1.0.0")
			.jsonPath("$.routes[0].name")
			.isEqualTo("getting-started-anything")
			.jsonPath("$.routes[0].paths[0]")
			.isEqualTo("/anything/*")
			.jsonPath("$.routes[0].methods[0]")
			.isEqualTo("GET")
			.jsonPath("$.runtime.upstream.nodes[0].host")
			.isEqualTo("httpbin.org")
			.jsonPath("$.runtime.upstream.nodes[0].port")
			.isEqualTo(80)
			.jsonPath("$.runtime.upstream.nodes[0].weight")
			.isEqualTo(100)
			.jsonPath("$.runtime.pass_host")
			.isEqualTo("pass");
		this.api.get("/api/services/template/httpbin")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.last_published")
			.isNotEmpty()
			.jsonPath("$.published_in[0].gateway_group_id")
			.isEqualTo("default")
			.jsonPath("$.published_in[0].version")
			.isEqualTo("1.0.0");

		this.api
			.put("/api/services/template/httpbin/routes/getting-started-anything", Map.of("name",
					"getting-started-anything", "paths", List.of("/anything/v2/*"), "methods", List.of("GET", "POST")))
			.expectStatus()
			.isOk();
		this.api.post("/api/services/publish", publishBody("default", "httpbin", "1.1.0", false))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.config_revision")
			.isEqualTo(revision + 2)
			.jsonPath("$.list[0].version")
			.isEqualTo("1.1.0")
			.jsonPath("$.list[0].published_by")
			.isEqualTo("admin");

		this.api.get("/api/gateway_groups/default/services/httpbin")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo("1.1.0")
			.jsonPath("$.routes[0].paths[0]")
			.isEqualTo("/anything/v2/*")
			.jsonPath("$.runtime.upstream.nodes[0].host")
			.isEqualTo("httpbin.org");
		this.api.get("/api/gateway_groups/default/services/httpbin/versions")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(2)
			.jsonPath("$.list[0].version")
			.isEqualTo("1.1.0")
			.jsonPath("$.list[0].current")
			.isEqualTo(true)
			.jsonPath("$.list[1].version")
			.isEqualTo("1.0.0")
			.jsonPath("$.list[1].current")
			.isEqualTo(false);

		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		problem(this.api.post("/api/services/publish", publishBody("default", "httpbin", "1.1.0", true)), 409)
			.jsonPath("$.status")
			.isEqualTo(409)
			.jsonPath("$.errors[0].field")
			.isEqualTo("services[0].version");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);

		refusedForCanary(this.api.post("/api/services/publish",
				"{\"gateway_group_id\": \"default\", \"services\": [{\"template_id\": \"httpbin\","
						+ " \"version\": \"2.0.0\", \"upstream\": {\"service_registry_id\": \"reg\", \"namespace\":"
						+ " \"default\", \"service_name\": \"httpbin\"}}]}"),
				"services[0].upstream");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void publish_onPostgres_notifiesTheGroupOnCommit() throws Exception {
		this.api.post("/api/gateway_groups", Map.of("id", "notify-group", "name", "notify-group"))
			.expectStatus()
			.isCreated();
		createTemplate("notified");
		createRoute("notified", "all", "/notified");
		try (Connection listener = schema.connect(); Statement statement = listener.createStatement()) {
			statement.execute("LISTEN portico_config");
			this.api.post("/api/services/publish", publishBody("notify-group", "notified", "1.0.0", true))
				.expectStatus()
				.isOk();
			PGConnection pg = listener.unwrap(PGConnection.class);
			List<String> payloads = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (!payloads.contains("notify-group") && System.nanoTime() < deadline) {
				PGNotification[] notifications = pg.getNotifications(500);
				if (notifications != null) {
					for (PGNotification notification : notifications) {
						if ("portico_config".equals(notification.getName())) {
							payloads.add(notification.getParameter());
						}
					}
				}
			}
			assertThat(payloads).contains("notify-group");
		}
	}

	private void createTemplate(String id) {
		this.api.post("/api/services/template", Map.of("id", id, "name", id, "type", "http", "upstream_scheme", "http"))
			.expectStatus()
			.isCreated();
	}

	private void createRoute(String templateId, String name, String path) {
		this.client.post()
			.uri("/api/services/template/{id}/routes", templateId)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("id", name, "name", name, "paths", List.of(path), "methods", List.of("GET")))
			.exchange()
			.expectStatus()
			.isCreated();
	}

	static String publishBody(String group, String template, String version, boolean withUpstream) {
		String upstream = withUpstream ? ", \"upstream\": {\"nodes\": [{\"host\": \"httpbin.org\", \"port\": 80}]}"
				: "";
		return "{\"gateway_group_id\": \"" + group + "\", \"services\": [{\"template_id\": \"" + template
				+ "\", \"version\": \"" + version + "\"" + upstream + "}]}";
	}

}

package io.portico.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.portico.quickstart.PorticoProcess;
import io.portico.testsupport.LocalHost;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Admin security against the real admin jar on PostgreSQL: every operation of its own API
 * description refuses a request without credentials, tokens stop working at once when
 * revoked or expired, a narrowed token cannot publish, refusals and failed sign-ins are
 * audited, the export parses, and an empty database without bootstrap credentials keeps
 * the admin from starting.
 */
class AdminSecurityE2ETests {

	@AutoClose
	private static PorticoCluster cluster;

	@BeforeAll
	static void start() {
		cluster = PorticoCluster.start("admin_security", "default");
	}

	@Test
	void everyOperationOfTheApiDescription_withoutCredentials_is401() {
		JsonNode docs = cluster.anonymousAdmin().get("/v3/api-docs").json();
		List<String> checked = new ArrayList<>();
		for (var path : docs.get("paths").properties()) {
			for (var operation : path.getValue().properties()) {
				String method = operation.getKey().toUpperCase(Locale.ROOT);
				String uri = path.getKey().replaceAll("\\{[^}]+}", "x");
				HttpJson.Response response = cluster.anonymousAdmin().send(method, uri, "{}");
				if (uri.equals("/api/login")) {
					assertThat(response.status()).as(method + " " + uri).isIn(400, 401);
					continue;
				}
				assertThat(response.status()).as(method + " " + uri).isEqualTo(401);
				assertThat(response.contentType()).as(method + " " + uri).startsWith("application/problem+json");
				checked.add(method + " " + uri);
			}
		}
		assertThat(checked).as("operations in /v3/api-docs").hasSizeGreaterThan(40);
	}

	@Test
	void revokedAndExpiredTokens_areRefusedOnTheNextRequest_andANarrowedTokenCannotPublish() {
		HttpJson admin = cluster.admin();
		String userId = admin.post("/api/users", "{\"username\":\"carol\"}").json().get("id").asString();
		assertThat(admin
			.post("/api/users/" + userId + "/roles", "{\"role\":\"publisher\",\"gateway_group_id\":\"default\"}")
			.status()).isEqualTo(201);
		JsonNode full = admin.post("/api/users/" + userId + "/tokens", "{\"name\":\"full\"}").json();
		JsonNode narrowed = admin
			.post("/api/users/" + userId + "/tokens",
					"{\"name\":\"view-only\",\"roles\":[{\"role\":\"viewer\",\"gateway_group_id\":\"default\"}]}")
			.json();
		JsonNode shortLived = admin
			.post("/api/users/" + userId + "/tokens",
					"{\"name\":\"short\",\"expires_at\":\"" + OffsetDateTime.now().plusSeconds(2) + "\"}")
			.json();
		HttpJson carol = HttpJson.admin(cluster.adminProcess().port(), full.get("token").asString());
		HttpJson viewer = HttpJson.admin(cluster.adminProcess().port(), narrowed.get("token").asString());
		HttpJson expiring = HttpJson.admin(cluster.adminProcess().port(), shortLived.get("token").asString());
		String publish = "{\"gateway_group_id\":\"default\",\"services\":[{\"template_id\":\"nope\",\"version\":\"1.0.0\"}]}";

		assertThat(carol.post("/api/services/publish", publish).status())
			.as("allowed, then refused for the unknown template")
			.isIn(400, 404);
		HttpJson.Response refused = viewer.post("/api/services/publish", publish);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().get("permission").asString()).isEqualTo("gateway_group:publish");
		assertThat(viewer.get("/api/gateway_groups/default/services").status()).isEqualTo(200);

		assertThat(admin.delete("/api/users/" + userId + "/tokens/" + full.get("id").asString()).status())
			.isEqualTo(204);
		long revokedAt = System.nanoTime();
		assertThat(carol.get("/api/me").status()).isEqualTo(401);
		assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(1));

		assertThat(expiring.get("/api/me").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(expiring.get("/api/me").status()).isEqualTo(401));

		JsonNode listed = admin.get("/api/users/" + userId + "/tokens").json();
		assertThat(listed.get("total").asLong()).isEqualTo(2);
		for (JsonNode token : listed.get("list")) {
			assertThat(token.has("token")).as("a token is shown once").isFalse();
			assertThat(token.get("prefix").asString()).startsWith("pt_");
		}
	}

	@Test
	void refusedPublishAndFailedLogin_areInTheAuditLog_andTheExportParses() {
		HttpJson admin = cluster.admin();
		String userId = admin.post("/api/users", "{\"username\":\"dave\",\"password\":\"dave-password-1234\"}")
			.json()
			.get("id")
			.asString();
		admin.post("/api/users/" + userId + "/roles", "{\"role\":\"viewer\",\"gateway_group_id\":\"default\"}");
		String token = admin.post("/api/users/" + userId + "/tokens", "{\"name\":\"t\"}")
			.json()
			.get("token")
			.asString();
		HttpJson dave = HttpJson.admin(cluster.adminProcess().port(), token);
		assertThat(dave
			.post("/api/services/publish",
					"{\"gateway_group_id\":\"default\",\"services\":[{\"template_id\":\"x\",\"version\":\"1.0.0\"}]}")
			.status()).isEqualTo(403);
		assertThat(cluster.anonymousAdmin()
			.post("/api/login", "{\"username\":\"dave\",\"password\":\"not-the-password\"}")
			.status()).isEqualTo(401);

		JsonNode denied = admin.get("/api/audit_logs?username=dave&outcome=denied").json();
		List<String> actions = new ArrayList<>();
		denied.get("list").forEach((entry) -> actions.add(entry.get("action").asString()));
		assertThat(actions).contains("publish", "login");

		JsonNode json = admin.get("/api/audit_logs/export?format=json&username=dave").json();
		assertThat(json.isArray()).isTrue();
		assertThat(json.size()).isEqualTo(denied.get("total").asInt());
		HttpJson.Response csv = admin.get("/api/audit_logs/export?format=csv&username=dave");
		assertThat(csv.contentType()).startsWith("text/csv");
		String[] lines = csv.body().split("\r\n");
		assertThat(lines[0]).startsWith("id,occurred_at,user_id,username,token_id,source_ip,action");
		assertThat(lines).hasSize(json.size() + 1);
	}

	@Test
	void adminJar_onAnEmptyDatabaseWithoutBootstrapCredentials_refusesToStart() throws IOException {
		try (PostgresTestSchema schema = PostgresTestSchema.createEmpty("admin_no_bootstrap")) {
			int port = LocalHost.freePort();
			Path logs = Paths.get("target", "e2e-logs", schema.name());
			List<String> args = List.of("--spring.r2dbc.url=" + schema.r2dbcUrl(),
					"--spring.r2dbc.username=" + schema.username(), "--spring.r2dbc.password=" + schema.password(),
					"--server.port=" + port, "--spring.flyway.url=" + schema.jdbcUrl(),
					"--spring.flyway.user=" + schema.username(), "--spring.flyway.password=" + schema.password(),
					"--spring.flyway.default-schema=" + schema.name(), "--spring.flyway.schemas=" + schema.name(),
					"--portico.secrets.key=" + PorticoCluster.secretsKey());
			try (PorticoProcess admin = PorticoProcess.start("admin", PorticoCluster.jar("admin-webflux"), port, port,
					args, Map.of(), logs)) {
				assertThatThrownBy(() -> admin.awaitReady(Duration.ofMinutes(2))).hasMessageContaining("exited");
				assertThat(Files.readString(admin.log())).contains("portico.admin.bootstrap.password")
					.contains("PORTICO_ADMIN_BOOTSTRAP_TOKEN");
			}
		}
	}

}

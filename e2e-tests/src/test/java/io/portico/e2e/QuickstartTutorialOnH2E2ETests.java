package io.portico.e2e;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.portico.quickstart.Quickstart;
import io.portico.quickstart.QuickstartOptions;
import io.portico.testsupport.LocalHost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The quickstart's smoke test: the launcher README's first command runs (embedded H2,
 * echo upstream, admin and gateway jars), then the README tutorial step by step over
 * HTTP.
 */
class QuickstartTutorialOnH2E2ETests {

	private static final Path TOKEN_FILE = Paths.get("target", "e2e-logs", "quickstart", "admin-token");

	private static Quickstart quickstart;

	@BeforeAll
	static void start() {
		quickstart = Quickstart.start(QuickstartOptions.parse("--admin-jar=" + PorticoCluster.jar("admin-webflux"),
				"--gateway-jar=" + PorticoCluster.jar("gateway-distro"), "--admin-port=" + LocalHost.freePort(),
				"--gateway-port=" + LocalHost.freePort(), "--gateway-management-port=" + LocalHost.freePort(),
				"--echo-port=0", "--database-port=0", "--log-dir=" + Paths.get("target", "e2e-logs", "quickstart"),
				"--data-dir=" + Paths.get("target", "e2e-data", "quickstart"), "--token-file=" + TOKEN_FILE));
	}

	@AfterAll
	static void stop() {
		if (quickstart != null) {
			quickstart.close();
		}
	}

	@Test
	void gatewayHealth_isOnTheManagementPortOnly() {
		HttpJson management = new HttpJson(quickstart.gatewayManagementPort());
		HttpJson gateway = new HttpJson(quickstart.gatewayPort());

		HttpJson.Response readiness = management.get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
		assertThat(gateway.get("/actuator/health/readiness").status()).isEqualTo(404);
	}

	@Test
	void adminToken_isWrittenForItsOwnerOnly_andTheAdminRefusesRequestsWithoutIt() throws IOException {
		assertThat(Files.readString(TOKEN_FILE).strip()).startsWith("pt_").isEqualTo(quickstart.adminToken());
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(TOKEN_FILE))).isEqualTo("rw-------");
		}
		HttpJson.Response anonymous = new HttpJson(quickstart.adminPort()).get("/api/services/template");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.contentType()).startsWith("application/problem+json");
		HttpJson.Response me = HttpJson.admin(quickstart.adminPort(), quickstart.adminToken()).get("/api/me");
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("username").asString()).isEqualTo("admin");
	}

	@Test
	void dashboardPassword_isWrittenForItsOwnerOnly_andSignsInAsAdmin() throws IOException {
		Path passwordFile = TOKEN_FILE.resolveSibling("admin-password");
		assertThat(Files.readString(passwordFile).strip()).isEqualTo(quickstart.adminPassword()).hasSize(24);
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
				.isEqualTo("rw-------");
		}
		HttpJson anonymous = new HttpJson(quickstart.adminPort());
		HttpJson.Response signIn = anonymous.post("/api/login",
				"{\"username\":\"admin\",\"password\":\"" + quickstart.adminPassword() + "\"}");
		assertThat(signIn.status()).as(signIn.body()).isEqualTo(200);
		HttpJson.Response page = anonymous.get("/ui/login");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Sign in to the dashboard");
	}

	@Test
	void readmeTutorial_onTheQuickstart_proxiesToTheEchoUpstream() throws IOException {
		// As README does: TOKEN=$(cat .portico/admin-token); curl -H "X-API-KEY: $TOKEN"
		// ...
		HttpJson admin = HttpJson.admin(quickstart.adminPort(), Files.readString(TOKEN_FILE).strip());
		HttpJson gateway = new HttpJson(quickstart.gatewayPort());

		assertThat(admin
			.post("/api/services/template",
					"{\"id\":\"httpbin\",\"name\":\"httpbin\",\"type\":\"http\",\"upstream_scheme\":\"http\"}")
			.status()).isEqualTo(201);
		assertThat(admin
			.post("/api/services/template/httpbin/routes",
					"{\"name\":\"getting-started-anything\",\"paths\":[\"/anything/*\"],\"methods\":[\"GET\"]}")
			.status()).isEqualTo(201);
		HttpJson.Response published = admin.post("/api/services/publish",
				"{\"gateway_group_id\":\"default\",\"services\":[{\"template_id\":\"httpbin\",\"version\":\"1.0.0\","
						+ "\"upstream\":{\"nodes\":[{\"host\":\"127.0.0.1\",\"port\":" + quickstart.echoPort()
						+ ",\"weight\":100}]}}]}");
		assertThat(published.status()).as(published.body()).isEqualTo(200);

		HttpJson.Response[] response = new HttpJson.Response[1];
		await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			response[0] = gateway.get("/anything/publish", Map.of("Host", "localhost"));
			assertThat(response[0].status()).isEqualTo(200);
		});
		JsonNode echo = response[0].json();
		assertThat(echo.get("method").asString()).isEqualTo("GET");
		assertThat(echo.get("url").asString()).isEqualTo("http://localhost/anything/publish");
		assertThat(echo.get("headers").get("X-Forwarded-Host").asString()).isEqualTo("localhost");
		assertThat(echo.get("headers").get("Host").asString()).isEqualTo("localhost");
		await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
			JsonNode instance = admin.get("/api/gateway_groups/default/instances").json().get("list").get(0);
			assertThat(instance.get("status").asString()).isEqualTo("healthy");
			assertThat(instance.get("config_revision").asLong())
				.isEqualTo(published.json().get("config_revision").asLong());
		});

		// Every write of the tutorial is in the audit log, with who, from where and how.
		JsonNode audit = admin.get("/api/audit_logs?username=admin&outcome=success&page_size=100").json();
		List<String> writes = new ArrayList<>();
		for (JsonNode entry : audit.get("list")) {
			if (entry.get("resource_type").asString().equals("session")) {
				// A dashboard sign-in of another test: no token, and not a write of the
				// tutorial.
				continue;
			}
			assertThat(entry.get("source_ip").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
			assertThat(entry.get("token_id").isNull()).isFalse();
			writes.add(entry.get("action").asString() + " " + entry.get("resource_type").asString());
		}
		assertThat(writes).contains("create service_template", "create template_route", "publish published_service");
	}

}

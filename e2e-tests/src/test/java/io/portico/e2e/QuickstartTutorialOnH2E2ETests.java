package io.portico.e2e;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.portico.quickstart.Quickstart;
import io.portico.quickstart.QuickstartOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The quickstart's smoke test: the launcher README's first command runs (embedded H2,
 * echo upstream, admin and gateway jars), then the README tutorial step by step over
 * HTTP.
 */
class QuickstartTutorialOnH2E2ETests {

	private static Quickstart quickstart;

	@BeforeAll
	static void start() {
		quickstart = Quickstart.start(QuickstartOptions.parse("--admin-jar=" + PorticoCluster.jar("admin-webflux"),
				"--gateway-jar=" + PorticoCluster.jar("gateway-distro"), "--admin-port=" + PorticoCluster.freePort(),
				"--gateway-port=" + PorticoCluster.freePort(), "--gateway-management-port=" + PorticoCluster.freePort(),
				"--echo-port=0", "--database-port=0", "--log-dir=" + Paths.get("target", "e2e-logs", "quickstart"),
				"--data-dir=" + Paths.get("target", "e2e-data", "quickstart")));
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
	void readmeTutorial_onTheQuickstart_proxiesToTheEchoUpstream() {
		HttpJson admin = new HttpJson(quickstart.adminPort());
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
	}

}

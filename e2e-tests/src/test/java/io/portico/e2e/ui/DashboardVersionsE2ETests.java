package io.portico.e2e.ui;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import io.portico.echo.EchoServer;
import io.portico.e2e.PorticoCluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A published service's life in the dashboard, against the real admin jar and two gateway
 * jars (groups {@code default} and {@code test}) on PostgreSQL: a new version and the
 * comparison, rollback, canary, promotion, and what bad input shows. Each test sets up
 * its own service through the API, then clicks.
 */
class DashboardVersionsE2ETests {

	@AutoClose
	private static PorticoCluster cluster;

	@AutoClose
	private static DashboardBrowser browser;

	private static DashboardFlows flows;

	private static EchoServer nodeA;

	private static EchoServer nodeB;

	@BeforeAll
	static void start() {
		cluster = PorticoCluster.start("e2e_ui_versions", "default", "test");
		nodeA = cluster.upstream("ui-node-a");
		nodeB = cluster.upstream("ui-node-b");
		browser = DashboardBrowser.start(cluster.adminUrl());
		flows = new DashboardFlows(cluster, browser);
	}

	@BeforeEach
	void signIn() {
		browser.consoleErrors();
		flows.signInAsAdmin();
	}

	@Test
	void newVersionWithAChangedRoute_isServed_andCompareShowsTheChangedRoute() {
		flows.publishedThroughTheApi("compared", "/c1/*", "default", nodeA.port());
		flows.awaitServed("default", "/c1/x", Map.of());
		browser.open("/ui/services/compared");
		String routeId = flows.admin()
			.get("/api/services/template/compared/routes")
			.json()
			.get("list")
			.get(0)
			.get("id")
			.asString();
		browser.click("edit-route-" + routeId);
		browser.type("rp-" + routeId, "/c2/*");
		browser.awaitNewPage(() -> browser.byId("rp-" + routeId).submit());
		assertThat(browser.byId("routes").getText()).contains("/c2/*");

		browser.open("/ui/groups/default/services/compared");
		browser.click("publish-new-version");
		browser.awaitPath("/ui/publish\\?service=compared&group=default");
		flows.wizardGroupAndVersion("default", "1.1.0");
		browser.click("keep-upstream-0");
		flows.wizardConfirmAndPublish("default");
		assertThat(browser.byId("published-services")
			.findElement(By.cssSelector("tr[data-service='compared'] .version"))
			.getText()).isEqualTo("1.1.0");
		flows.awaitServed("default", "/c2/x", Map.of());
		assertThat(flows.gateway("default").get("/c1/x").status()).isEqualTo(404);

		browser.open("/ui/groups/default/services/compared");
		browser.select("compare-a", "1.0.0");
		browser.select("compare-b", "1.1.0");
		browser.select("compare-group", "default");
		browser.click("compare-submit");
		assertThat(browser.text("diff-summary")).isEqualTo("0 added, 0 removed, 1 changed, 0 unchanged");
		List<WebElement> changed = browser.byId("diff-table").findElements(By.cssSelector("tr.diff-changed"));
		assertThat(changed).hasSize(1);
		assertThat(changed.get(0).getText()).contains("compared-route").contains("/c1/*").contains("/c2/*");
		browser.screenshotOf("version-compare", "compare-form");
		browser.assertCleanConsole();
	}

	@Test
	void rollbackTo100_theGatewayFollowsWithinOneSecondOfTheConfirmation() {
		flows.publishedThroughTheApi("rolled", "/r1/*", "default", nodeA.port());
		String routeId = flows.admin()
			.get("/api/services/template/rolled/routes")
			.json()
			.get("list")
			.get(0)
			.get("id")
			.asString();
		Http.Response edited = flows.admin()
			.put("/api/services/template/rolled/routes/" + routeId,
					"{\"name\":\"rolled-route\",\"paths\":[\"/r2/*\"],\"methods\":[\"GET\"]}");
		assertThat(edited.status()).as(edited.body()).isEqualTo(200);
		flows.publishThroughTheApi("default", "rolled", "1.1.0", nodeA.port());
		flows.awaitServed("default", "/r2/x", Map.of());

		browser.open("/ui/groups/default/services/rolled");
		assertThat(browser.text("current-version")).isEqualTo("1.1.0");
		assertThat(browser.byId("versions").findElements(By.cssSelector("tr[data-version]"))).hasSize(2);
		browser.click("rollback-1.0.0");
		browser.acceptConfirm();
		long confirmed = System.nanoTime();
		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(10))
			.untilAsserted(() -> assertThat(flows.gateway("default").get("/r1/x").status()).isEqualTo(200));
		Duration followed = Duration.ofNanos(System.nanoTime() - confirmed);
		assertThat(followed).isLessThan(Duration.ofSeconds(1));
		assertThat(flows.gateway("default").get("/r2/x").status()).isEqualTo(404);
		browser.until((driver) -> driver.findElement(By.id("current-version")).getText().equals("1.0.0"));
		browser.assertCleanConsole();
	}

	@Test
	void canaryAt20Percent_sendsAboutAFifthToTheCanaryNodes_finishOnTheCanarySide_sendsThemAll() {
		flows.publishedThroughTheApi("canaried", "/canaried/*", "default", nodeA.port());
		flows.awaitServed("default", "/canaried/x", Map.of());
		browser.open("/ui/groups/default/services/canaried");
		assertThat(browser.byId("canary-weight").getDomProperty("value")).isEqualTo("20");
		browser.click("canary-use-nodes");
		browser.type("cn-host-0", "127.0.0.1");
		browser.type("cn-port-0", String.valueOf(nodeB.port()));
		browser.awaitNewPage(() -> browser.click("canary-start"));
		assertThat(browser.text("canary-state")).contains("20 %");
		browser.screenshotOf("canary", "canary");

		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> flows.gateway("default").get("/canaried/x").echoServer().equals(nodeB.name()));
		Map<String, Integer> counts = new HashMap<>();
		for (int i = 0; i < 500; i++) {
			counts.merge(flows.gateway("default").get("/canaried/" + i).echoServer(), 1, Integer::sum);
		}
		assertThat(counts.getOrDefault(nodeB.name(), 0)).as(counts.toString()).isBetween(60, 140);

		browser.click("finish-canary");
		browser.awaitNewPage(() -> browser.click("canary-finish"));
		assertThat(browser.present("canary-state")).isFalse();
		browser.visible("canary-form");
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
			for (int i = 0; i < 20; i++) {
				assertThat(flows.gateway("default").get("/canaried/" + i).echoServer()).isEqualTo(nodeB.name());
			}
		});
		browser.assertCleanConsole();
	}

	@Test
	void promoteToTest_withNodesOfTheTestGroup_theTestGatewayServesTheVersion() {
		flows.publishedThroughTheApi("promoted", "/promoted/*", "default", nodeA.port());
		browser.open("/ui/groups/default/services/promoted");
		browser.select("promote-target", "test");
		browser.click("promote-use-nodes");
		browser.type("pn-host-0", "127.0.0.1");
		browser.type("pn-port-0", String.valueOf(nodeB.port()));
		browser.click("promote-submit");
		browser.awaitPath("/ui/groups/test/services/promoted");
		assertThat(browser.text("current-version")).isEqualTo("1.0.0");

		assertThat(flows.awaitServed("test", "/promoted/x", Map.of()).echoServer()).isEqualTo(nodeB.name());
		assertThat(flows.gateway("default").get("/promoted/x").echoServer()).isEqualTo(nodeA.name());
		browser.assertCleanConsole();
	}

	@Test
	void badInput_showsTheServersMessageNextToTheNamedField_andWritesNothing() {
		flows.publishedThroughTheApi("guarded", "/guarded/*", "default", nodeA.port());
		String port = String.valueOf(nodeA.port());
		String badVersion = expectedError(publishBody("1.0", "127.0.0.1", port), "services[0].version");
		String badPort = expectedError(publishBody("2.0.0", "127.0.0.1", "70000"),
				"services[0].upstream.nodes[0].port");
		String badHost = expectedError(publishBody("2.0.0", "http://x", port), "services[0].upstream.nodes[0].host");
		Http.Response duplicate = flows.admin()
			.post("/api/services/template", "{\"name\":\"guarded\",\"type\":\"http\",\"upstream_scheme\":\"http\"}");
		assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(409);
		JsonNode duplicateError = duplicate.json().get("errors").get(0);
		String before = flows.snapshot();

		assertThat(wizardError("1.0", "127.0.0.1", port, "version-0")).isEqualTo(badVersion);
		browser.screenshot("publish-error");
		assertThat(wizardError("2.0.0", "127.0.0.1", "70000", "node-port-0-0")).isEqualTo(badPort);
		assertThat(wizardError("2.0.0", "http://x", port, "node-host-0-0")).isEqualTo(badHost);

		browser.open("/ui/services/new");
		browser.type("service-name", "guarded");
		browser.click("add-service-submit");
		String field = duplicateError.get("field").asString();
		assertThat(field).isIn("name", "id");
		assertThat(browser.fieldError(field.equals("name") ? "service-name" : "service-id"))
			.isEqualTo(duplicateError.get("message").asString());
		assertThat(browser.path()).isEqualTo("/ui/services/new");

		assertThat(flows.snapshot()).isEqualTo(before);
		// The 400 and 409 answers are the failed requests this test provokes.
		browser.assertCleanConsole("/api/services/publish", "/api/services/template");
	}

	/**
	 * Walks the wizard with one bad value; returns the message shown next to the input.
	 */
	private static String wizardError(String version, String host, String port, String inputId) {
		browser.open("/ui/publish?service=guarded&group=default");
		flows.wizardGroupAndVersion("default", version);
		flows.wizardNode(host, port, "100");
		browser.click("step-upstream-next");
		browser.visible("publish-summary");
		browser.click("publish-submit");
		String message = browser.fieldError(inputId);
		assertThat(browser.path()).startsWith("/ui/publish");
		return message;
	}

	private static String publishBody(String version, String host, String port) {
		return "{\"gateway_group_id\":\"default\",\"services\":[{\"template_id\":\"guarded\",\"version\":\"" + version
				+ "\",\"current\":true,\"upstream\":{\"nodes\":[{\"host\":\"" + host + "\",\"port\":" + port
				+ ",\"weight\":100}]}}]}";
	}

	/** The message the API gives for a field of a bad publish (which writes nothing). */
	private static String expectedError(String body, String field) {
		Http.Response response = flows.admin().post("/api/services/publish", body);
		assertThat(response.status()).as(response.body()).isBetween(400, 499);
		return response.json()
			.get("errors")
			.valueStream()
			.filter((error) -> error.get("field").asString().equals(field))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no error for " + field + " in " + response.body()))
			.get("message")
			.asString();
	}

}

package io.portico.e2e.ui;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import io.portico.echo.EchoServer;
import io.portico.e2e.PorticoCluster;
import io.portico.registry.testkit.KubernetesTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product tutorial in the dashboard, by clicks only, against the real admin jar and a
 * gateway jar on PostgreSQL: the first service, a registry, an OpenAPI import, and what a
 * viewer may not do. The tests share the processes and the browser, not their services.
 */
class DashboardTutorialE2ETests {

	@AutoClose
	private static PorticoCluster cluster;

	@AutoClose
	private static DashboardBrowser browser;

	private static DashboardFlows flows;

	private static EchoServer echo;

	@BeforeAll
	static void start() {
		cluster = PorticoCluster.start("e2e_ui_tutorial",
				List.of("--portico.admin.registries.check-interval=1s", "--portico.admin.registries.check-timeout=3s"),
				"default");
		echo = cluster.upstream("ui-echo");
		browser = DashboardBrowser.start(cluster.adminUrl());
		flows = new DashboardFlows(cluster, browser);
	}

	@BeforeEach
	void drainConsole() {
		browser.consoleErrors();
	}

	@Test
	void tutorialByClicks_addServiceRoutePublishToDefault_instanceAtTheGroupsRevision_gatewayServesTheEcho() {
		browser.driver().manage().deleteAllCookies();
		browser.open("/ui/login");
		browser.visible("sign-in");
		browser.screenshot("signin");
		flows.signInAsAdmin();
		assertThat(browser.path()).isEqualTo("/ui/services");
		browser.screenshot("service-hub");

		browser.click("add-service");
		browser.awaitPath("/ui/services/new");
		browser.type("service-name", "httpbin");
		browser.select("service-type", "http");
		browser.select("service-scheme", "http");
		browser.screenshot("add-service");
		browser.click("add-service-submit");
		browser.awaitPath("/ui/services/(?!new)[^/?]+");
		String id = browser.path().substring("/ui/services/".length());
		flows.addRoute("getting-started-anything", "/anything/*", "GET");
		browser.screenshot("service-detail");

		browser.click("publish-new-version");
		browser.awaitPath("/ui/publish\\?service=" + id);
		flows.wizardGroupAndVersion("default", "1.0.0");
		flows.wizardNode("127.0.0.1", String.valueOf(echo.port()), "100");
		browser.screenshot("publish-wizard");
		browser.click("step-upstream-next");
		String summary = browser.text("publish-summary");
		assertThat(summary).contains("default").contains("1.0.0").contains("127.0.0.1:" + echo.port());
		browser.screenshot("publish-confirm");
		browser.click("publish-submit");
		browser.awaitPath("/ui/groups/default/services");
		WebElement row = browser.byId("published-services")
			.findElement(By.cssSelector("tr[data-service='" + id + "']"));
		assertThat(row.findElement(By.cssSelector(".version")).getText()).isEqualTo("1.0.0");
		row.findElement(By.tagName("a")).click();
		browser.awaitPath("/ui/groups/default/services/" + id);
		assertThat(browser.text("current-version")).isEqualTo("1.0.0");
		browser.screenshot("published-service");

		browser.click("nav-gateway-instances");
		browser.awaitPath("/ui/groups/default/instances");
		browser.until((driver) -> {
			String revision = driver.findElement(By.id("group-revision")).getText().strip();
			List<WebElement> instances = driver.findElements(By.cssSelector("tr[data-instance]"));
			return !revision.equals("0") && instances.size() == 1
					&& revision.equals(instances.get(0).getDomAttribute("data-revision"));
		});
		browser.screenshot("instances");

		Http.Response response = flows.awaitServed("default", "/anything/publish", Map.of("Host", "localhost"));
		assertThat(response.echoServer()).isEqualTo(echo.name());
		JsonNode body = response.json();
		assertThat(body.get("url").asString()).isEqualTo("http://localhost/anything/publish");
		browser.assertCleanConsole();
	}

	@Test
	void registryByClicks_kubernetesBadgeTurnsHealthyWithoutReload_publishThroughDiscoveryPickedFromTheLists()
			throws Exception {
		int apiPort = DashboardFlows.freePort();
		flows.signInAsAdmin();
		browser.click("nav-service-registries");
		browser.awaitPath("/ui/groups/default/registries");
		browser.type("registry-name", "k8s");
		browser.select("registry-type", "kubernetes");
		browser.type("k8s-api-server", "http://127.0.0.1:" + apiPort);
		browser.type("k8s-token", KubernetesTestServer.TOKEN);
		browser.awaitNewPage(() -> browser.click("add-registry-submit"));

		// The API server is not up yet: the badge cannot be healthy.
		WebElement row = browser.byId("registries").findElement(By.cssSelector("tr[data-registry='k8s']"));
		assertThat(row.findElement(By.cssSelector("span[data-status]")).getDomAttribute("data-status"))
			.isIn("connecting", "unhealthy");
		browser.script("window.porticoSamePage = 'registries';");

		KubernetesMockServer server = kubernetesOn(apiPort);
		try (NamespacedKubernetesClient kubernetes = server.createClient()) {
			kubernetes.services()
				.inNamespace("default")
				.resource(new ServiceBuilder().withNewMetadata()
					.withNamespace("default")
					.withName("k8s-httpbin")
					.endMetadata()
					.withNewSpec()
					.addNewPort()
					.withName("http")
					.withPort(80)
					.endPort()
					.endSpec()
					.build())
				.create();
			kubernetes
				.resource(KubernetesTestServer.slice("default", "k8s-httpbin", "k8s-httpbin-1",
						Map.of("http", echo.port()), List.of("127.0.0.1"), List.of()))
				.create();

			// The badge polls: Healthy on the same page, in the same row, without a
			// reload.
			browser.until((driver) -> "healthy"
				.equals(row.findElement(By.cssSelector("span[data-status]")).getDomAttribute("data-status")));
			assertThat(row.findElement(By.cssSelector("span[data-status]")).getText()).isEqualTo("Healthy");
			assertThat(browser.script("return window.porticoSamePage")).isEqualTo("registries");
			browser.screenshot("registries");

			String id = flows.addService("k8s-httpbin");
			flows.addRoute("k8s-route", "/k8s-httpbin/*", "GET");
			browser.click("publish-new-version");
			browser.awaitPath("/ui/publish\\?service=" + id);
			flows.wizardGroupAndVersion("default", "1.0.0");
			browser.click("use-discovery-0");
			Select registries = new Select(browser.visible("registry-0"));
			registries.getOptions()
				.stream()
				.filter((option) -> option.getText().startsWith("k8s "))
				.findFirst()
				.orElseThrow()
				.click();
			Select namespaces = new Select(browser.visible("namespace-0"));
			assertThat(namespaces.getOptions()).extracting(WebElement::getText).contains("default");
			namespaces.selectByValue("default");
			browser
				.until((driver) -> !driver.findElements(By.cssSelector("#service-name-0 option[value='k8s-httpbin']"))
					.isEmpty());
			new Select(browser.visible("service-name-0")).selectByValue("k8s-httpbin");
			browser.click("step-upstream-next");
			assertThat(browser.text("publish-summary")).contains("default / k8s-httpbin");
			browser.click("publish-submit");
			browser.awaitPath("/ui/groups/default/services");

			Http.Response response = flows.awaitServed("default", "/k8s-httpbin/anything", Map.of());
			assertThat(response.echoServer()).isEqualTo(echo.name());
		}
		finally {
			server.destroy();
		}
		browser.assertCleanConsole();
	}

	@Test
	void importOpenApiByUpload_previewShows19Routes_createPublish_gatewayServesAPetstorePath() throws Exception {
		Path petstore = Path.of(getClass().getResource("/openapi/petstore-3.0.yaml").toURI()).toAbsolutePath();
		flows.signInAsAdmin();
		browser.click("add-service");
		browser.awaitPath("/ui/services/new");
		browser.click("tab-import");
		browser.byId("import-file").sendKeys(petstore.toString());
		browser.click("import-preview-button");
		assertThat(browser.text("import-added-count")).isEqualTo("19");
		assertThat(browser.byId("import-routes").findElements(By.cssSelector("tbody tr"))).hasSize(19);
		browser.click("import-apply");
		browser.awaitPath("/ui/services/(?!new)[^/?]+");
		String id = browser.path().substring("/ui/services/".length());
		assertThat(browser.byId("routes").findElements(By.cssSelector("tr[data-route]"))).hasSize(19);

		browser.click("publish-new-version");
		browser.awaitPath("/ui/publish\\?service=" + id);
		flows.wizardGroupAndVersion("default", "1.0.0");
		flows.wizardNode("127.0.0.1", String.valueOf(echo.port()), "100");
		flows.wizardConfirmAndPublish("default");

		Http.Response response = flows.awaitServed("default", "/pet/findByStatus?status=available", Map.of());
		assertThat(response.echoServer()).isEqualTo(echo.name());
		browser.assertCleanConsole();
	}

	@Test
	void viewer_seesNoPublishButton_andAForgedPublishFromTheSessionIs403_nothingChanges() {
		flows.publishedThroughTheApi("viewer-sees", "/viewer-sees/*", "default", echo.port());
		Http.Response user = flows.admin()
			.post("/api/users",
					"{\"username\":\"vera\",\"display_name\":\"Vera Viewer\",\"password\":\"vera-viewer-password\"}");
		assertThat(user.status()).as(user.body()).isEqualTo(201);
		Http.Response role = flows.admin()
			.post("/api/users/" + user.json().get("id").asString() + "/roles",
					"{\"role\":\"viewer\",\"gateway_group_id\":\"default\"}");
		assertThat(role.status()).as(role.body()).isEqualTo(201);

		browser.signIn("vera", "vera-viewer-password");
		assertThat(browser.present("add-service")).isFalse();
		browser.open("/ui/services/viewer-sees");
		browser.visible("service-title");
		assertThat(browser.present("publish-new-version")).isFalse();
		browser.open("/ui/groups/default/services");
		browser.byId("published-services").findElement(By.cssSelector("tr[data-service='viewer-sees']"));
		assertThat(browser.present("publish-to-group")).isFalse();
		browser.open("/ui/groups/default/services/viewer-sees");
		assertThat(browser.text("current-version")).isEqualTo("1.0.0");
		assertThat(browser.present("publish-new-version")).isFalse();
		assertThat(browser.present("rollback-1.0.0")).isFalse();

		String before = flows.snapshot();
		Object status = browser.asyncScript("const done = arguments[arguments.length - 1];"
				+ "fetch('/api/services/publish', {method: 'POST', headers: {'Content-Type': 'application/json',"
				+ " 'X-CSRF-TOKEN': document.querySelector('meta[name=csrf-token]').content},"
				+ " body: JSON.stringify({gateway_group_id: 'default', services: [{template_id: 'viewer-sees',"
				+ " version: '6.6.6', upstream: {nodes: [{host: '127.0.0.1', port: 9, weight: 100}]}}]})})"
				+ ".then((r) => done(r.status), (e) => done('failed: ' + e));");

		assertThat(status).isEqualTo(403L);
		assertThat(flows.snapshot()).isEqualTo(before);
		assertThat(
				flows.admin().get("/api/gateway_groups/default/services/viewer-sees").json().get("version").asString())
			.isEqualTo("1.0.0");
		JsonNode denied = flows.admin().get("/api/audit_logs?outcome=denied").json().get("list");
		assertThat(denied.valueStream()
			.filter((entry) -> entry.get("username").asString().equals("vera")
					&& entry.get("action").asString().equals("publish"))
			.count()).isEqualTo(1);
		// The 403 of the forged publish is the one failed request this test provokes.
		browser.assertCleanConsole("/api/services/publish");
	}

	@Test
	void narrowWindow_serviceHubScreenshot() {
		flows.signInAsAdmin();
		browser.open("/ui/services");
		browser.visible("add-service");
		Path file = browser.screenshotAt("service-hub-narrow", 420, 800);
		assertThat(file).exists();
		browser.assertCleanConsole();
	}

	/**
	 * fabric8's mock server in CRUD mode, as KubernetesTestServer starts it, on a port.
	 */
	private static KubernetesMockServer kubernetesOn(int port) throws Exception {
		Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
		@SuppressWarnings("deprecation")
		KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
				new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), false);
		server.init(InetAddress.getByName("127.0.0.1"), port);
		return server;
	}

}

package io.portico.e2e.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.By;

import io.portico.e2e.PorticoCluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the dashboard tests do again and again, by clicks (add a service, add a route,
 * walk the publish wizard) or around the browser (the admin API, the gateway, a snapshot
 * of the stored configuration).
 */
final class DashboardFlows {

	/** The tables a change writes to (not heartbeats, checks, sessions or tokens). */
	private final PorticoCluster cluster;

	private final DashboardBrowser browser;

	private final Http admin;

	DashboardFlows(PorticoCluster cluster, DashboardBrowser browser) {
		this.cluster = cluster;
		this.browser = browser;
		this.admin = Http.admin(cluster.adminUrl(), cluster.adminToken());
	}

	Http admin() {
		return this.admin;
	}

	Http gateway(String group) {
		return new Http(this.cluster.gatewayUrl(group), Map.of());
	}

	void signInAsAdmin() {
		this.browser.signIn(PorticoCluster.ADMIN_USERNAME, PorticoCluster.ADMIN_PASSWORD);
	}

	/**
	 * Service Hub → Add Service → the template's page.
	 * @return the template id, from the page's address
	 */
	String addService(String name) {
		this.browser.open("/ui/services");
		this.browser.click("add-service");
		this.browser.awaitPath("/ui/services/new");
		this.browser.type("service-name", name);
		this.browser.select("service-type", "http");
		this.browser.select("service-scheme", "http");
		this.browser.click("add-service-submit");
		this.browser.awaitPath("/ui/services/(?!new)[^/?]+");
		assertThat(this.browser.text("service-title")).isEqualTo(name);
		return this.browser.path().substring("/ui/services/".length());
	}

	/** On a template's page: Add Route, then the page reloads with the route. */
	void addRoute(String name, String paths, String... methods) {
		this.browser.type("route-name", name);
		this.browser.type("route-path", paths);
		for (String method : methods) {
			this.browser.click("method-" + method);
		}
		this.browser.awaitNewPage(() -> this.browser.click("add-route-submit"));
		this.browser.byId("routes").findElement(By.cssSelector("tr[data-route='" + name + "']"));
	}

	/** In the wizard: choose the group and the version, then go to the upstream step. */
	void wizardGroupAndVersion(String group, String version) {
		this.browser.visible("step-group");
		this.browser.click("target-" + group);
		this.browser.click("step-group-next");
		this.browser.type("version-0", version);
		this.browser.click("step-version-next");
		this.browser.visible("step-upstream");
	}

	/** In the wizard's upstream step: one node. */
	void wizardNode(String host, String port, String weight) {
		this.browser.click("use-nodes-0");
		this.browser.type("node-host-0-0", host);
		this.browser.type("node-port-0-0", port);
		this.browser.type("node-weight-0-0", weight);
	}

	/** From the upstream step: Next, then Publish; lands on the group's services. */
	void wizardConfirmAndPublish(String group) {
		this.browser.click("step-upstream-next");
		this.browser.visible("publish-summary");
		this.browser.click("publish-submit");
		this.browser.awaitPath("/ui/groups/" + group + "/services");
	}

	/** Waits until the gateway of a group answers a path with 200, at most 5 seconds. */
	Http.Response awaitServed(String group, String path, Map<String, String> headers) {
		Http.Response[] last = new Http.Response[1];
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(25)).untilAsserted(() -> {
			last[0] = gateway(group).get(path, headers);
			assertThat(last[0].status()).as(last[0].body()).isEqualTo(200);
		});
		return last[0];
	}

	/** A template with one GET route and its 1.0.0 on nodes, through the API. */
	void publishedThroughTheApi(String id, String path, String group, int port) {
		Http.Response template = this.admin.post("/api/services/template",
				"{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"type\":\"http\",\"upstream_scheme\":\"http\"}");
		assertThat(template.status()).as(template.body()).isEqualTo(201);
		Http.Response route = this.admin.post("/api/services/template/" + id + "/routes",
				"{\"name\":\"" + id + "-route\",\"paths\":[\"" + path + "\"],\"methods\":[\"GET\"]}");
		assertThat(route.status()).as(route.body()).isEqualTo(201);
		publishThroughTheApi(group, id, "1.0.0", port);
	}

	void publishThroughTheApi(String group, String id, String version, int port) {
		Http.Response published = this.admin.post("/api/services/publish",
				"{\"gateway_group_id\":\"" + group + "\",\"services\":[{\"template_id\":\"" + id + "\",\"version\":\""
						+ version + "\",\"upstream\":{\"nodes\":[{\"host\":\"127.0.0.1\",\"port\":" + port
						+ ",\"weight\":100}]}}]}");
		assertThat(published.status()).as(published.body()).isEqualTo(200);
	}

	/**
	 * The stored configuration as text (see
	 * {@link PorticoCluster#configurationSnapshot()}).
	 */
	String snapshot() {
		return this.cluster.configurationSnapshot();
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

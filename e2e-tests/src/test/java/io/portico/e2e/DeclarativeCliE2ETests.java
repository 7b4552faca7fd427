package io.portico.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.portico.echo.EchoServer;
import io.portico.registry.testkit.NacosEmulator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code portico} CLI run as a process against the real admin and gateway jars on
 * PostgreSQL: a dump of the tutorial synced back changes nothing; a file of three
 * services is served, then one changed route and version is exactly the next plan; a bad
 * port exits 2 and a reused version exits 3, both writing nothing; no token exits 1;
 * ADC's example files sync as they are; the Petstore documents, converted, are served.
 */
class DeclarativeCliE2ETests {

	/** ADC's documented file shapes, which the CLI's own tests lint. */
	private static final String ADC = "../portico-cli/src/test/resources/adc/";

	private static final String NACOS_PASSWORD = "adc-nacos-password-7c1d";

	@AutoClose
	private static PorticoCluster cluster;

	private static EchoServer echo;

	@TempDir
	Path directory;

	@BeforeAll
	static void start() {
		cluster = PorticoCluster.start("e2e_cli", "default", "test");
		echo = cluster.upstream("cli-echo");
	}

	@Test
	void tutorialDumpedThenSynced_reportsNoChanges_andKeepsTheRevision() throws Exception {
		cluster.createTemplate("cli-httpbin", "getting-started-anything", "/anything/*");
		cluster.publish("default", "cli-httpbin", "1.0.0", PorticoCluster.nodes(echo, 100));
		long revision = revision("default");
		Path dump = this.directory.resolve("dump.yaml");

		assertThat(cli("dump", "-o", dump.toString()).exit()).isZero();
		assertThat(Files.readString(dump)).contains("cli-httpbin", "getting-started-anything", "1.0.0");
		Run sync = cli("sync", "-f", dump.toString());

		assertThat(sync.exit()).as(sync.output()).isZero();
		assertThat(sync.output()).containsIgnoringCase("no change");
		assertThat(revision("default")).isEqualTo(revision);
	}

	@Test
	void fileOfThreeServices_isServed_andAChangedRouteAndVersionIsTheNextPlan() throws Exception {
		Path file = write("three.yaml", three("/one/*", "1.0.0"));
		Run synced = cli("sync", "--gateway-group", "test", "-f", file.toString());
		assertThat(synced.exit()).as(synced.output()).isZero();
		HttpJson gateway = cluster.gateway("test");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(gateway.get("/one/x").status()).isEqualTo(200);
			assertThat(gateway.get("/two/x").status()).isEqualTo(200);
			assertThat(gateway.get("/three/x").status()).isEqualTo(200);
		});

		Path changed = write("changed.yaml", three("/uno/*", "1.1.0"));
		Run diff = cli("diff", "--gateway-group", "test", "--exit-code", "-f", changed.toString());
		assertThat(diff.exit()).as(diff.output()).isEqualTo(1);
		assertThat(diff.output()).contains("one", "/uno/*", "1.1.0").doesNotContain("cli-two 1.1.0");

		assertThat(cli("sync", "--gateway-group", "test", "-f", changed.toString()).exit()).isZero();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(gateway.get("/uno/x").status()).isEqualTo(200);
			assertThat(gateway.get("/one/x").status()).isEqualTo(404);
		});
		HttpJson.Response versions = cluster.admin().get("/api/gateway_groups/test/services/cli-one/versions");
		assertThat(versions.json().get("list")).hasSize(2);
	}

	@Test
	void badPortExits2_reusedVersionExits3_noTokenExits1_andNothingChanges() throws Exception {
		cluster.createTemplate("cli-fixed", "fixed", "/fixed/*");
		cluster.publish("default", "cli-fixed", "1.0.0", PorticoCluster.nodes(echo, 100));
		String before = cluster.configurationSnapshot();

		Path badPort = write("bad.yaml", service("cli-bad", "1.0.0", "/bad/*", 70000));
		Run bad = cli("sync", "-f", badPort.toString());
		assertThat(bad.exit()).as(bad.output()).isEqualTo(2);
		assertThat(bad.output()).contains("services[0].upstream.nodes[0].port");

		Path reused = write("reused.yaml", service("cli-fixed", "1.0.0", "/other/*", echo.port()));
		Run conflict = cli("sync", "-f", reused.toString());
		assertThat(conflict.exit()).as(conflict.output()).isEqualTo(3);

		Run anonymous = run(List.of("sync", "-f", reused.toString()), Map.of("PORTICO_TOKEN", ""));
		assertThat(anonymous.exit()).as(anonymous.output()).isEqualTo(1);

		assertThat(cluster.configurationSnapshot()).isEqualTo(before);
	}

	@Test
	void teamFileWithSelectorAndDelete_unpublishesOnlyItsMissingService_andLeavesTheOtherTeamByteIdentical()
			throws Exception {
		Path both = write("teams.yaml",
				"services:\n" + team("cli-a-one", "cli-a") + team("cli-a-two", "cli-a") + team("cli-b-one", "cli-b"));
		assertThat(cli("sync", "-f", both.toString()).exit()).isZero();
		String teamB = cluster.admin().get("/api/gateway_groups/default/services/cli-b-one").body()
				+ cluster.admin().get("/api/services/template/cli-b-one").body()
				+ cluster.admin().get("/api/gateway_groups/default/services/cli-b-one/versions").body();

		Path teamA = write("team-a.yaml", "services:\n" + team("cli-a-one", "cli-a"));
		Run plan = cli("diff", "--label-selector", "team=cli-a", "--delete", "-f", teamA.toString());
		assertThat(plan.output()).contains("cli-a-two").doesNotContain("cli-b-one");
		Run synced = cli("sync", "--label-selector", "team=cli-a", "--delete", "-f", teamA.toString());

		assertThat(synced.exit()).as(synced.output()).isZero();
		assertThat(cluster.admin().get("/api/gateway_groups/default/services/cli-a-two").status()).isEqualTo(404);
		assertThat(cluster.admin().get("/api/gateway_groups/default/services/cli-a-one").status()).isEqualTo(200);
		assertThat(cluster.admin().get("/api/gateway_groups/default/services/cli-b-one").body()
				+ cluster.admin().get("/api/services/template/cli-b-one").body()
				+ cluster.admin().get("/api/gateway_groups/default/services/cli-b-one/versions").body())
			.isEqualTo(teamB);
	}

	@Test
	void fiftyServicesWithOneBadPort_exit2NamingItsPath_andAStalePlanRevisionExits3_bothChangingNothing()
			throws Exception {
		StringBuilder fifty = new StringBuilder("services:\n");
		for (int i = 0; i < 50; i++) {
			fifty.append(item("cli-many-" + i, "1.0.0", "r", "/many-" + i + "/*", (i == 37) ? 70000 : echo.port()));
		}
		String before = cluster.configurationSnapshot();
		Run bad = cli("sync", "-f", write("fifty.yaml", fifty.toString()).toString());
		assertThat(bad.exit()).as(bad.output()).isEqualTo(2);
		assertThat(bad.output()).contains("services[37].upstream.nodes[0].port");
		assertThat(cluster.configurationSnapshot()).isEqualTo(before);

		Path file = write("reviewed.yaml", service("cli-reviewed", "1.0.0", "/reviewed/*", echo.port()));
		long reviewed = revision("default");
		cluster.createTemplate("cli-meanwhile", "meanwhile", "/meanwhile/*");
		cluster.publish("default", "cli-meanwhile", "1.0.0", PorticoCluster.nodes(echo, 100));
		String changed = cluster.configurationSnapshot();
		Run stale = cli("sync", "--plan-revision", String.valueOf(reviewed), "-f", file.toString());
		assertThat(stale.exit()).as(stale.output()).isEqualTo(3);
		assertThat(stale.output()).contains("plan_revision");
		assertThat(cluster.configurationSnapshot()).isEqualTo(changed);
	}

	@Test
	void adcExampleFiles_areSyncedAsTheyAre_withNodesLabelsAndDiscovery_andPluginsAreRefusedByPath() throws Exception {
		try (NacosEmulator nacos = NacosEmulator.start()) {
			HttpJson.Response registry = cluster.admin()
				.post("/api/gateway_groups/test/service_registries",
						"{\"name\":\"adc-nacos\",\"type\":\"nacos\",\"nacos\":{\"address\":\"" + nacos.address()
								+ "\",\"username\":\"portico\",\"password\":\"" + NACOS_PASSWORD + "\"}}");
			assertThat(registry.status()).as(registry.body()).isEqualTo(201);

			Run synced = cli("sync", "--gateway-group", "test", "-f", ADC + "services-nodes.yaml", "-f",
					ADC + "labels.yaml", "-f", ADC + "discovery.yaml");

			assertThat(synced.exit()).as(synced.output()).isZero();
			JsonNode order = cluster.admin().get("/api/gateway_groups/test/services/order-service").json();
			assertThat(order.get("version").asString()).isEqualTo("1.0.0");
			assertThat(order.at("/runtime/upstream/service_name").asString()).isEqualTo("svc-order");
			assertThat(order.at("/runtime/upstream/namespace").asString()).isEqualTo("prod");
			assertThat(cluster.admin()
				.get("/api/gateway_groups/test/services/httpbin-service")
				.json()
				.get("version")
				.asString()).isEqualTo("1.0.0");
			Run diff = cli("diff", "--gateway-group", "test", "--exit-code", "-f", ADC + "services-nodes.yaml", "-f",
					ADC + "labels.yaml", "-f", ADC + "discovery.yaml");
			assertThat(diff.exit()).as(diff.output()).isZero();
			Path dump = this.directory.resolve("adc-dump.yaml");
			Run dumped = cli("dump", "--gateway-group", "test", "-o", dump.toString());
			assertThat(dumped.exit()).as(dumped.output()).isZero();
			assertThat(Files.readString(dump)).contains("registry: adc-nacos", "discovery_type: nacos")
				.doesNotContain(NACOS_PASSWORD);
			assertThat(diff.output() + dumped.output()).doesNotContain(NACOS_PASSWORD);
		}
		Run plugins = cli("sync", "--gateway-group", "test", "-f", ADC + "plugins.yaml");
		assertThat(plugins.exit()).as(plugins.output()).isEqualTo(2);
		assertThat(plugins.output()).contains("services[0].plugins");
	}

	@Test
	void petstoreDocuments_convertedLintedAndSynced_areServed() throws Exception {
		for (String document : List.of("petstore-3.0.yaml", "petstore-2.0.json")) {
			String name = "cli-" + document.substring(0, document.indexOf('.'));
			Path file = this.directory.resolve(name + ".yaml");
			Run convert = cli("convert", "openapi", "-f", "src/test/resources/openapi/" + document, "-o",
					file.toString(), "--name", name);
			assertThat(convert.exit()).as(convert.output()).isZero();
			assertThat(convert.output()).doesNotContain("SLF4J");
			assertThat(cli("lint", "-f", file.toString()).exit()).isZero();
			// The documents' servers are the public Petstore: point the upstream at a
			// local
			// one, as a user points it at their own, and serve each under its own prefix.
			String local = Files.readString(file)
				.replaceAll("host: petstore3?\\.swagger\\.io", "host: 127.0.0.1")
				.replace("port: 443", "port: " + echo.port())
				.replace("scheme: https", "scheme: http")
				.replace("    version: 1.0.0\n", "    version: 1.0.0\n    path_prefix: /" + name + "\n");
			Files.writeString(file, local);

			Run synced = cli("sync", "--gateway-group", "test", "-f", file.toString());

			assertThat(synced.exit()).as(synced.output()).isZero();
			HttpJson gateway = cluster.gateway("test");
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(gateway.get("/" + name + "/pet/findByStatus").status()).isEqualTo(200));
			assertThat(gateway.get("/" + name + "/pet/17").status()).isEqualTo(200);
			assertThat(gateway.get("/" + name + "/no-such-operation").status()).isEqualTo(404);
		}
	}

	private String three(String firstPath, String firstVersion) {
		return "services:\n" + item("cli-one", firstVersion, "one", firstPath, echo.port())
				+ item("cli-two", "1.0.0", "two", "/two/*", echo.port())
				+ item("cli-three", "1.0.0", "three", "/three/*", echo.port());
	}

	private String team(String name, String team) {
		return item(name, "1.0.0", "r", "/" + name + "/*", echo.port()).replace("    version:",
				"    labels: {team: " + team + "}\n    version:");
	}

	private static String service(String name, String version, String path, int port) {
		return "services:\n" + item(name, version, "r", path, port);
	}

	private static String item(String name, String version, String route, String path, int port) {
		return "  - name: " + name + "\n    version: " + version + "\n    routes:\n      - name: " + route
				+ "\n        uris: ['" + path + "']\n        methods: [GET]\n    upstream:\n      nodes:\n"
				+ "        - host: 127.0.0.1\n          port: " + port + "\n          weight: 100\n";
	}

	private Path write(String name, String text) throws IOException {
		Path file = this.directory.resolve(name);
		Files.writeString(file, text);
		return file;
	}

	private static long revision(String group) {
		return cluster.admin().get("/api/gateway_groups/" + group).json().get("config_revision").asLong();
	}

	private static Run cli(String... args) throws Exception {
		return run(List.of(args), Map.of());
	}

	/**
	 * Runs the CLI's executable jar as a user would, with the server and token in the
	 * environment.
	 */
	private static Run run(List<String> args, Map<String, String> environment) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
						PorticoCluster.jar("portico-cli").toString()));
		command.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("PORTICO_SERVER", cluster.adminUrl());
		builder.environment().put("PORTICO_TOKEN", cluster.adminToken());
		builder.environment().put("NO_COLOR", "1");
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the CLI ends").isTrue();
		return new Run(process.exitValue(), output);
	}

	private record Run(int exit, String output) {

	}

}

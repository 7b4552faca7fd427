package io.portico.gateway.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.portico.compiler.DefaultRouteCompiler;
import io.portico.compiler.json.StoredFormat;
import io.portico.compiler.model.CompiledRoute;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.Node;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;
import io.portico.compiler.model.Upstream;
import io.portico.gateway.canary.CompiledCanary;
import io.portico.registry.KubernetesSettings;
import io.portico.secrets.SecretCipher;
import io.portico.secrets.SecretKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublishedServiceCompilerTests {

	private static final String KEY = "Z2F0ZXdheS10ZXN0LXNlY3JldHMta2V5LTMyYnl0ZXM=";

	private static final String OTHER_KEY = "b3RoZXItZ2F0ZXdheS1zZWNyZXRzLWtleS0zMmJ5dGU=";

	private final PublishedServiceCompiler compiler = new PublishedServiceCompiler(new DefaultRouteCompiler());

	private static String routes(String path) {
		return StoredFormat
			.writeRoutes(List.of(new RouteSpec("r1", "route-1", List.of(path), List.of("GET"), "", Map.of())));
	}

	private static String runtime(Upstream upstream) {
		return StoredFormat.writeRuntime(new RuntimeConfig(upstream, List.of(), "", null, null, null));
	}

	private static PublishedServiceRow row(String serviceId, String routes, String runtime) {
		return new PublishedServiceRow(serviceId, runtime, serviceId + "-v1", "1.0.0", serviceId, "http", routes);
	}

	private static final String NODES = runtime(new NodesUpstream(List.of(new Node("127.0.0.1", 8080, 100))));

	@Test
	void compile_goodRows_areAllServed() {
		GroupConfig config = this.compiler.compile("default", 7,
				List.of(row("a", routes("/a/*"), NODES), row("b", routes("/b"), NODES)));
		assertThat(config.revision()).isEqualTo(7);
		assertThat(config.errors()).isEmpty();
		assertThat(config.services()).extracting((service) -> service.serviceId()).containsExactly("a", "b");
	}

	@Test
	void compile_brokenJson_isSkippedAndReportedWhileOthersServe() {
		GroupConfig config = this.compiler.compile("default", 1,
				List.of(row("broken", "[{\"id\":", NODES), row("good", routes("/good/*"), NODES)));
		assertThat(config.services()).extracting((service) -> service.serviceId()).containsExactly("good");
		assertThat(config.errors()).singleElement().satisfies((error) -> {
			assertThat(error.serviceId()).isEqualTo("broken");
			assertThat(error.version()).isEqualTo("1.0.0");
			assertThat(error.message()).contains("routes").contains("not valid JSON");
		});
	}

	@Test
	void compile_uncompilableRoute_isSkippedWithTheCompilerMessage() {
		GroupConfig config = this.compiler.compile("default", 1,
				List.of(row("bad-path", routes("no-leading-slash"), NODES), row("good", routes("/good"), NODES)));
		assertThat(config.services()).extracting((service) -> service.serviceId()).containsExactly("good");
		assertThat(config.errors()).singleElement().satisfies((error) -> {
			assertThat(error.serviceId()).isEqualTo("bad-path");
			assertThat(error.message()).contains("paths[0]");
		});
	}

	@Test
	void compile_discoveryUpstreamOfAnUnknownRegistry_isSkippedNamingTheRegistry() {
		String discovery = runtime(new DiscoveryUpstream("reg-1", "default", "httpbin", null));
		GroupConfig config = this.compiler.compile("default", 1, List.of(row("disc", routes("/d/*"), discovery)));
		assertThat(config.services()).isEmpty();
		assertThat(config.errors()).singleElement().satisfies((error) -> {
			assertThat(error.serviceId()).isEqualTo("disc");
			assertThat(error.serviceRegistryId()).isEqualTo("reg-1");
			assertThat(error.message()).contains("'reg-1' does not exist in gateway group 'default'");
			assertThat(error.isGroupError()).isFalse();
		});
	}

	@Test
	void compile_discoveryUpstreamOfAValidRegistry_isServedWithTheConnection() {
		String discovery = runtime(new DiscoveryUpstream("reg-1", "default", "httpbin", null));
		GroupConfig config = this.compiler.compile("default", 1, List.of(row("disc", routes("/d/*"), discovery)),
				List.of(new RegistryConnectionRow("reg-1", "k8s", "kubernetes",
						"{\"api_server\":\"https://10.0.0.1:6443\"}", "{\"token\":\"t0ken\"}")));
		assertThat(config.errors()).isEmpty();
		assertThat(config.services()).extracting((service) -> service.serviceId()).containsExactly("disc");
		assertThat(config.registries()).singleElement().satisfies((connection) -> {
			assertThat(connection.id()).isEqualTo("reg-1");
			assertThat(connection.gatewayGroupId()).isEqualTo("default");
			assertThat(connection.settings()).isEqualTo(new KubernetesSettings("https://10.0.0.1:6443", "t0ken"));
		});
	}

	@Test
	void compile_registryWithEncryptedSecrets_isServedWithTheDecryptedToken() {
		SecretCipher cipher = new SecretCipher(SecretKeys.of(KEY, List.of()));
		PublishedServiceCompiler withKey = new PublishedServiceCompiler(new DefaultRouteCompiler(), cipher);
		String discovery = runtime(new DiscoveryUpstream("reg-enc", "default", "httpbin", null));

		GroupConfig config = withKey.compile("default", 1, List.of(row("disc", routes("/d/*"), discovery)),
				List.of(new RegistryConnectionRow("reg-enc", "k8s", "kubernetes",
						"{\"api_server\":\"https://10.0.0.1:6443\"}",
						cipher.encrypt("{\"token\":\"t0ken-enc\"}", "reg-enc"))));

		assertThat(config.errors()).isEmpty();
		assertThat(config.services()).extracting((service) -> service.serviceId()).containsExactly("disc");
		assertThat(config.registries()).singleElement()
			.satisfies((connection) -> assertThat(connection.settings())
				.isEqualTo(new KubernetesSettings("https://10.0.0.1:6443", "t0ken-enc")));
	}

	@Test
	void compile_registryWithSecretsUnderAnotherKeyOrWithoutAKey_isSkippedWithItsServicesNamingTheKeyIds() {
		SecretCipher other = new SecretCipher(SecretKeys.of(OTHER_KEY, List.of()));
		SecretCipher cipher = new SecretCipher(SecretKeys.of(KEY, List.of()));
		String discovery = runtime(new DiscoveryUpstream("reg-enc", "", "orders", null));
		List<RegistryConnectionRow> registries = List
			.of(new RegistryConnectionRow("reg-enc", "consul", "consul", "{\"address\":\"http://127.0.0.1:8500\"}",
					other.encrypt("{\"token\":\"top-secret-token\"}", "reg-enc")));
		List<PublishedServiceRow> rows = List.of(row("uses-enc", routes("/o/*"), discovery),
				row("good", routes("/good/*"), NODES));

		GroupConfig wrongKey = new PublishedServiceCompiler(new DefaultRouteCompiler(), cipher).compile("default", 1,
				rows, registries);
		GroupConfig noKey = this.compiler.compile("default", 1, rows, registries);

		assertThat(wrongKey.services()).extracting((service) -> service.serviceId()).containsExactly("good");
		assertThat(wrongKey.registries()).isEmpty();
		assertThat(wrongKey.errors()).filteredOn((error) -> error.serviceId() == null)
			.singleElement()
			.satisfies((error) -> assertThat(error.message()).isEqualTo("service registry 'consul' is skipped:"
					+ " secret unreadable with the configured key (key id " + cipher.keys().currentId()
					+ "): it was encrypted under key id " + other.keys().currentId() + ", which is not configured"));
		assertThat(wrongKey.errors()).filteredOn((error) -> "uses-enc".equals(error.serviceId()))
			.singleElement()
			.satisfies((error) -> assertThat(error.message()).contains("secret unreadable"));
		assertThat(noKey.services()).extracting((service) -> service.serviceId()).containsExactly("good");
		assertThat(noKey.errors()).filteredOn((error) -> error.serviceId() == null)
			.singleElement()
			.satisfies((error) -> assertThat(error.message())
				.contains("secret unreadable without a configured key (portico.secrets.key)"));
		assertThat(wrongKey.errors().toString() + noKey.errors()).doesNotContain("top-secret-token")
			.doesNotContain(KEY)
			.doesNotContain(OTHER_KEY);
	}

	@Test
	void compile_registryWithBadSettings_isSkippedWithItsServicesAndNoSecretInMessages() {
		String discovery = runtime(new DiscoveryUpstream("reg-bad", "", "orders", null));
		GroupConfig config = this.compiler.compile("default", 1,
				List.of(row("uses-bad", routes("/o/*"), discovery), row("good", routes("/good/*"), NODES)),
				List.of(new RegistryConnectionRow("reg-bad", "consul", "consul", "{\"address\":\"not a url\"}",
						"{\"token\":\"top-secret-token\"}"),
						new RegistryConnectionRow("reg-odd", "odd", "zookeeper", "{}", "{}")));
		assertThat(config.services()).extracting((service) -> service.serviceId()).containsExactly("good");
		assertThat(config.registries()).isEmpty();
		assertThat(config.errors()).extracting(ConfigError::serviceRegistryId)
			.containsExactlyInAnyOrder("reg-bad", "reg-odd", "reg-bad");
		assertThat(config.errors()).filteredOn((error) -> "uses-bad".equals(error.serviceId()))
			.singleElement()
			.satisfies((error) -> assertThat(error.message()).contains("consul.address"));
		assertThat(config.errors()).filteredOn((error) -> "reg-odd".equals(error.serviceRegistryId()))
			.singleElement()
			.satisfies((error) -> assertThat(error.message()).contains("unknown registry type 'zookeeper'"));
		assertThat(config.errors()).allSatisfy((error) -> {
			assertThat(error.message()).doesNotContain("top-secret-token");
			assertThat(error.isGroupError()).isFalse();
		});
	}

	@Test
	void compile_invalidRuntime_isSkipped() {
		String badPort = runtime(new NodesUpstream(List.of(new Node("127.0.0.1", 0, 100))));
		GroupConfig config = this.compiler.compile("default", 1, List.of(row("port0", routes("/p"), badPort)));
		assertThat(config.services()).isEmpty();
		assertThat(config.errors()).singleElement()
			.satisfies((error) -> assertThat(error.message()).contains("upstream.nodes[0].port"));
	}

	private static PublishedServiceRow canaryRow(String serviceId, String canary, String canaryVersionId,
			String canaryVersion, String canaryRoutes) {
		return new PublishedServiceRow(serviceId, NODES, serviceId + "-v1", "1.0.0", serviceId, "http",
				routes("/" + serviceId + "/*"), canary, canaryVersionId, canaryVersion,
				(canaryRoutes != null) ? "http" : null, canaryRoutes);
	}

	@Test
	void compile_upstreamCanary_isCompiledWithTheServicesScheme() {
		GroupConfig config = this.compiler.compile("default", 1, List.of(canaryRow("up",
				"{\"weight\":20,\"upstream\":{\"nodes\":[{\"host\":\"10.0.0.9\",\"port\":81}]}}", null, null, null)));

		assertThat(config.errors()).isEmpty();
		assertThat(config.services()).extracting((service) -> service.serviceId()).containsExactly("up");
		assertThat(config.canaries()).singleElement().satisfies((canary) -> {
			assertThat(canary.serviceId()).isEqualTo("up");
			assertThat(canary.spec().weight()).isEqualTo(20);
			assertThat(canary.isVersionCanary()).isFalse();
			assertThat(canary.upstream().scheme()).isEqualTo("http");
			assertThat(canary.upstream().upstream())
				.isEqualTo(new NodesUpstream(List.of(new Node("10.0.0.9", 81, 100))));
		});
	}

	@Test
	void compile_versionCanary_compilesTheCanaryRoutesWithDistinctIds() {
		String canaryRoutes = StoredFormat
			.writeRoutes(List.of(new RouteSpec("r1", "route-1", List.of("/ver/*"), List.of("GET"), "", Map.of()),
					new RouteSpec("r2", "route-2", List.of("/ver-new", "/ver-new/*"), List.of(), "", Map.of())));
		GroupConfig config = this.compiler.compile("default", 1, List.of(canaryRow("ver",
				"{\"weight\":50,\"version\":\"1.1.0\",\"version_id\":\"pv-2\"}", "pv-2", "1.1.0", canaryRoutes)));

		assertThat(config.errors()).isEmpty();
		assertThat(config.services().get(0).routes()).extracting(CompiledRoute::id).containsExactly("ver/r1/0");
		assertThat(config.canaries()).singleElement().satisfies((canary) -> {
			assertThat(canary.isVersionCanary()).isTrue();
			assertThat(canary.version().version()).isEqualTo("1.1.0");
			assertThat(canary.version().routes()).extracting(CompiledRoute::id)
				.containsExactlyInAnyOrder("ver@canary/r1/0", "ver@canary/r2/0", "ver@canary/r2/1");
			assertThat(canary.version().routes()).allSatisfy((route) -> assertThat(route.serviceId()).isEqualTo("ver"));
		});
	}

	@Test
	void compile_badCanaryJson_servesTheServiceWithoutItAndReportsTheField() {
		GroupConfig config = this.compiler.compile("default", 1,
				List.of(canaryRow("bad", "{\"weight\":20,\"conditions\":{\"match\":\"all\",\"rules\":[{\"source\":"
						+ "\"path\",\"name\":\"p\",\"operator\":\"equals\",\"value\":\"x\"}]},\"version\":\"1.1.0\"}",
						null, null, null)));

		assertThat(config.services()).extracting((service) -> service.serviceId()).containsExactly("bad");
		assertThat(config.canaries()).isEmpty();
		assertThat(config.errors()).singleElement().satisfies((error) -> {
			assertThat(error.serviceId()).isEqualTo("bad");
			assertThat(error.isCanaryError()).isTrue();
			assertThat(error.isGroupError()).isFalse();
			assertThat(error.message()).contains("canary.conditions.rules[0].source");
		});
	}

	@Test
	void compile_invalidCanaryValues_areReportedWithTheValidatorsFields() {
		GroupConfig config = this.compiler.compile("default", 1, List.of(canaryRow("weight",
				"{\"weight\":101,\"upstream\":{\"nodes\":[{\"host\":\"a\",\"port\":0}]}}", null, null, null)));

		assertThat(config.services()).hasSize(1);
		assertThat(config.canaries()).isEmpty();
		assertThat(config.errors()).singleElement()
			.satisfies((error) -> assertThat(error.message()).contains("canary.weight")
				.contains("canary.upstream.nodes[0].port"));
	}

	@Test
	void compile_versionCanaryWithoutItsVersionRow_isDroppedAndReported() {
		GroupConfig config = this.compiler.compile("default", 1,
				List.of(canaryRow("gone", "{\"weight\":10,\"version\":\"1.1.0\"}", null, null, null),
						canaryRow("mismatch", "{\"weight\":10,\"version\":\"1.2.0\"}", "pv-9", "1.1.0", routes("/x"))));

		assertThat(config.services()).hasSize(2);
		assertThat(config.canaries()).isEmpty();
		assertThat(config.errors()).extracting((error) -> error.serviceId()).containsExactly("gone", "mismatch");
		assertThat(config.errors()).allSatisfy((error) -> assertThat(error.isCanaryError()).isTrue());
	}

	@Test
	void compile_discoveryCanaryOfAnUnknownRegistry_isDroppedNamingTheRegistry() {
		GroupConfig config = this.compiler.compile("default", 1,
				List.of(canaryRow("disc",
						"{\"weight\":10,\"upstream\":{\"service_registry_id\":\"reg-x\",\"namespace\":\"\","
								+ "\"service_name\":\"svc\",\"port_name\":null}}",
						null, null, null)));

		assertThat(config.services()).hasSize(1);
		assertThat(config.canaries()).isEmpty();
		assertThat(config.errors()).singleElement().satisfies((error) -> {
			assertThat(error.serviceRegistryId()).isEqualTo("reg-x");
			assertThat(error.isCanaryError()).isTrue();
		});
	}

	@Test
	void compile_baselineThatFails_isSkippedWhateverItsCanary() {
		PublishedServiceRow row = new PublishedServiceRow("broken", NODES, "broken-v1", "1.0.0", "broken", "http",
				routes("no-slash"), "{\"weight\":10,\"version\":\"1.1.0\"}", null, null, null, null);

		GroupConfig config = this.compiler.compile("default", 1, List.of(row));

		assertThat(config.services()).isEmpty();
		assertThat(config.canaries()).extracting(CompiledCanary::serviceId).isEmpty();
		assertThat(config.errors()).singleElement().satisfies((error) -> assertThat(error.isCanaryError()).isFalse());
	}

	@Test
	void compile_again_withOneOfTenRowsChanged_compilesOnlyThatRowAndReusesTheOthers() {
		List<PublishedServiceRow> rows = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			rows.add(row("s" + i, routes("/s" + i + "/*"), NODES));
		}
		GroupConfig first = this.compiler.compile("default", 1, rows);
		long before = this.compiler.rowsCompiled();
		rows.set(3, new PublishedServiceRow("s3", NODES, "s3-v2", "1.0.1", "s3", "http", routes("/s3-new/*")));

		GroupConfig second = this.compiler.compile("default", 2, rows);

		assertThat(this.compiler.rowsCompiled() - before).isEqualTo(1);
		assertThat(second.services().get(0)).isSameAs(first.services().get(0));
		assertThat(second.services().get(3).version()).isEqualTo("1.0.1");
		assertThat(second.services().get(3).routes().get(0).path().pattern()).startsWith("/s3-new/");
	}

	@Test
	void compile_again_withChangedRegistries_compilesEveryRowAgain() {
		List<PublishedServiceRow> rows = List.of(row("a", routes("/a/*"), NODES), row("b", routes("/b"), NODES));
		this.compiler.compile("default", 1, rows);
		long before = this.compiler.rowsCompiled();

		this.compiler.compile("default", 2, rows, List.of(new RegistryConnectionRow("reg-1", "r", "nope", "{}", null)));

		assertThat(this.compiler.rowsCompiled() - before).isEqualTo(2);
	}

	@Test
	void versionsToRead_afterACompile_namesOnlyTheVersionsNotCompiledYet_andRowsWithoutRoutesAreReused() {
		List<PublishedServiceRow> rows = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			rows.add(row("s" + i, routes("/s" + i + "/*"), NODES));
		}
		assertThat(this.compiler.versionsToRead("default", rows, List.of())).hasSize(3);
		GroupConfig first = this.compiler.compile("default", 1, rows);
		List<PublishedServiceRow> heads = new ArrayList<>(
				rows.stream().map(PublishedServiceRow::withoutRoutes).toList());
		heads.set(1, new PublishedServiceRow("s1", NODES, "s1-v2", "1.0.1", "s1", "http", null));

		assertThat(this.compiler.versionsToRead("default", heads, List.of())).containsExactly("s1-v2");
		heads.set(1, new PublishedServiceRow("s1", NODES, "s1-v2", "1.0.1", "s1", "http", routes("/s1-new/*")));
		GroupConfig second = this.compiler.compile("default", 2, heads);

		assertThat(second.errors()).isEmpty();
		assertThat(second.services().get(0)).isSameAs(first.services().get(0));
		assertThat(second.services().get(1).routes().get(0).path().pattern()).startsWith("/s1-new/");
		assertThat(this.compiler.versionsToRead("default", heads, List.of())).isEmpty();
	}

}

package io.portico.gateway.load;

import java.util.List;
import java.util.Map;

import io.portico.compiler.DefaultRouteCompiler;
import io.portico.compiler.json.StoredFormat;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.Node;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;
import io.portico.compiler.model.Upstream;
import io.portico.registry.KubernetesSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublishedServiceCompilerTests {

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

}

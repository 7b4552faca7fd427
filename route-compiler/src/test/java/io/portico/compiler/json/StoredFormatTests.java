package io.portico.compiler.json;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.portico.compiler.FieldError;
import io.portico.compiler.RouteCompilationException;
import io.portico.compiler.model.CanaryConditions;
import io.portico.compiler.model.CanaryRule;
import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.CanarySticky;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.Node;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.PassHost;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;
import io.portico.compiler.model.Timeouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link StoredFormat}.
 */
class StoredFormatTests {

	private static final String TUTORIAL_ROUTES = "[{\"id\":\"r1\",\"name\":\"getting-started-anything\","
			+ "\"paths\":[\"/anything/*\"],\"methods\":[\"GET\"],\"description\":\"\",\"labels\":{}}]";

	private static final String TUTORIAL_RUNTIME = "{\"upstream\":{\"nodes\":[{\"host\":\"127.0.0.1\",\"port\":8080,"
			+ "\"weight\":100}]},\"hosts\":[],\"path_prefix\":\"\",\"pass_host\":\"pass\",\"upstream_host\":null,"
			+ "\"timeout\":{\"connect\":5,\"read\":60}}";

	@Test
	void readRoutes_tutorial_readsEveryField() {
		assertThat(StoredFormat.readRoutes(TUTORIAL_ROUTES)).containsExactly(
				new RouteSpec("r1", "getting-started-anything", List.of("/anything/*"), List.of("GET"), "", Map.of()));
	}

	@Test
	void writeRoutes_tutorial_writesTheAdminApiShape() {
		List<RouteSpec> routes = List
			.of(new RouteSpec("r1", "getting-started-anything", List.of("/anything/*"), List.of("GET"), "", Map.of()));

		assertThat(StoredFormat.writeRoutes(routes)).isEqualTo(TUTORIAL_ROUTES);
	}

	@Test
	void writeRoutes_labels_writtenSortedByKey() {
		RouteSpec route = new RouteSpec("r1", "a", List.of("/a"), List.of(), "", Map.of("b", "2", "a", "1", "c", "3"));

		assertThat(StoredFormat.writeRoutes(List.of(route)))
			.contains("\"labels\":{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}");
	}

	@Test
	void routes_roundTrip_isLosslessAndStable() {
		List<RouteSpec> routes = List.of(
				new RouteSpec("r1", "a", List.of("/a/*", "/users/{id}"), List.of("GET", "POST"), "multi\nline",
						Map.of("team", "x", "env", "prod")),
				new RouteSpec("r2", "b", List.of("/b"), List.of(), "", Map.of()));

		String json = StoredFormat.writeRoutes(routes);

		assertThat(StoredFormat.readRoutes(json)).isEqualTo(routes);
		assertThat(StoredFormat.writeRoutes(StoredFormat.readRoutes(json))).isEqualTo(json);
	}

	@Test
	void readRuntime_tutorial_readsEveryField() {
		RuntimeConfig runtime = StoredFormat.readRuntime(TUTORIAL_RUNTIME);

		assertThat(runtime).isEqualTo(new RuntimeConfig(new NodesUpstream(List.of(new Node("127.0.0.1", 8080, 100))),
				List.of(), "", PassHost.PASS, null, new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60))));
	}

	@Test
	void writeRuntime_tutorial_writesTheAdminApiShape() {
		RuntimeConfig runtime = new RuntimeConfig(new NodesUpstream(List.of(new Node("127.0.0.1", 8080, 100))),
				List.of(), "", PassHost.PASS, null, new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60)));

		assertThat(StoredFormat.writeRuntime(runtime)).isEqualTo(TUTORIAL_RUNTIME);
	}

	@Test
	void runtime_discoveryRoundTrip_isLosslessAndStable() {
		RuntimeConfig runtime = new RuntimeConfig(new DiscoveryUpstream("reg-1", "default", "httpbin", null),
				List.of("api.example.com", "*.example.org"), "/v1", PassHost.REWRITE, "httpbin.org",
				new Timeouts(Duration.ofMillis(500), null));

		String json = StoredFormat.writeRuntime(runtime);

		assertThat(json).isEqualTo("{\"upstream\":{\"service_registry_id\":\"reg-1\",\"namespace\":\"default\","
				+ "\"service_name\":\"httpbin\",\"port_name\":null},\"hosts\":[\"api.example.com\",\"*.example.org\"],"
				+ "\"path_prefix\":\"/v1\",\"pass_host\":\"rewrite\",\"upstream_host\":\"httpbin.org\","
				+ "\"timeout\":{\"connect\":0.5,\"read\":null}}");
		assertThat(StoredFormat.readRuntime(json)).isEqualTo(runtime);
		assertThat(StoredFormat.writeRuntime(StoredFormat.readRuntime(json))).isEqualTo(json);
	}

	@Test
	void readRuntime_minimal_takesDefaults() {
		RuntimeConfig runtime = StoredFormat.readRuntime("{\"upstream\":{\"nodes\":[{\"host\":\"a\",\"port\":80}]}}");

		assertThat(runtime)
			.isEqualTo(new RuntimeConfig(new NodesUpstream(List.of(new Node("a", 80, Node.DEFAULT_WEIGHT))), List.of(),
					"", PassHost.PASS, null, new Timeouts(null, null)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "0.5|500", "1.25|1250", "3600|3600000", "1e1|10000", "0.001|1", "-1|-1000" })
	void readRuntime_timeoutSeconds_convertedExactly(String seconds, long millis) {
		RuntimeConfig runtime = StoredFormat
			.readRuntime("{\"upstream\":{\"nodes\":[]},\"timeout\":{\"connect\":" + seconds + "}}");

		assertThat(runtime.timeout().connect()).isEqualTo(Duration.ofMillis(millis));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "{\"upstream\":{\"nodes\":[]},\"upstream\":{\"nodes\":[]}}|runtime", "{\"upstream\":|runtime",
					"{} {}|runtime", "[]|runtime", "null|runtime", "''|runtime", "{\"upstream\":null}|runtime.upstream",
					"{\"upstream\":[]}|runtime.upstream", "{\"upstream\":{\"nodes\":{}}}|runtime.upstream.nodes",
					"{\"upstream\":{\"nodes\":[1]}}|runtime.upstream.nodes[0]",
					"{\"upstream\":{\"nodes\":[],\"namespace\":\"x\"}}|runtime.upstream.namespace",
					"{\"upstream\":{\"service_registry_id\":\"r\",\"nodes\":null}}|runtime.upstream",
					"{\"upstream\":{\"service_registry_id\":\"r\",\"weight\":1}}|runtime.upstream.weight",
					"{\"upstream\":{\"nodes\":[{\"host\":\"a\",\"port\":1e20}]}}|runtime.upstream.nodes[0].port",
					"{\"upstream\":{\"nodes\":[{\"host\":\"a\",\"port\":80.0}]}}|runtime.upstream.nodes[0].port",
					"{\"upstream\":{\"nodes\":[{\"host\":1,\"port\":80}]}}|runtime.upstream.nodes[0].host",
					"{\"upstream\":{\"nodes\":[]},\"hosts\":\"a\"}|runtime.hosts",
					"{\"upstream\":{\"nodes\":[]},\"pass_host\":\"Pass\"}|runtime.pass_host",
					"{\"upstream\":{\"nodes\":[]},\"timeout\":5}|runtime.timeout",
					"{\"upstream\":{\"nodes\":[]},\"timeout\":{\"write\":5}}|runtime.timeout.write",
					"{\"upstream\":{\"nodes\":[]},\"timeout\":{\"read\":1e400}}|runtime.timeout.read" })
	void readRuntime_malformed_throwsNamingTheField(String json, String field) {
		assertThatExceptionOfType(RouteCompilationException.class).isThrownBy(() -> StoredFormat.readRuntime(json))
			.satisfies((ex) -> assertThat(ex.getErrors()).extracting(FieldError::field).containsExactly(field));
	}

	@Test
	void readRuntime_invalidJson_saysWhere() {
		assertThatExceptionOfType(RouteCompilationException.class).isThrownBy(() -> StoredFormat.readRuntime("{\n  x"))
			.satisfies((ex) -> assertThat(ex.getErrors()).singleElement()
				.satisfies((error) -> assertThat(error.message()).startsWith("is not valid JSON (line 2, column ")));
	}

	@Test
	void readRuntime_severalProblems_reportedTogether() {
		String json = "{\"upstream\":{\"nodes\":[{\"host\":\"a\"}]},\"pass_host\":\"x\",\"extra\":1}";

		assertThatExceptionOfType(RouteCompilationException.class).isThrownBy(() -> StoredFormat.readRuntime(json))
			.satisfies((ex) -> assertThat(ex.getErrors()).containsExactly(
					new FieldError("runtime.extra", "is not a known field"),
					new FieldError("runtime.upstream.nodes[0].port", "is required"),
					new FieldError("runtime.pass_host", "must be one of pass, node, rewrite")));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "{}|routes", "[1]|routes[0]", "[{\"id\":\"r\",\"extra\":true}]|routes[0].extra",
					"[{\"paths\":[\"/a\",null]}]|routes[0].paths[1]", "[{\"methods\":\"GET\"}]|routes[0].methods",
					"[{\"labels\":[]}]|routes[0].labels", "[{\"labels\":{\"a\":null}}]|routes[0].labels.a",
					"[{\"name\":false}]|routes[0].name", "[{\"description\":{}}]|routes[0].description", "[|routes" })
	void readRoutes_malformed_throwsNamingTheField(String json, String field) {
		assertThatExceptionOfType(RouteCompilationException.class).isThrownBy(() -> StoredFormat.readRoutes(json))
			.satisfies((ex) -> assertThat(ex.getErrors()).extracting(FieldError::field).containsExactly(field));
	}

	@Test
	void readRoutes_nullsAndMissingFields_takeEmptyDefaults() {
		assertThat(StoredFormat.readRoutes("[{\"id\":\"r1\",\"name\":\"a\",\"paths\":null}]"))
			.containsExactly(new RouteSpec("r1", "a", List.of(), List.of(), "", Map.of()));
	}

	@Test
	void canary_roundTrip_isLosslessAndStable() {
		CanarySpec canary = new CanarySpec(20,
				new CanaryConditions(CanaryConditions.Match.ANY,
						List.of(new CanaryRule(CanaryRule.Source.HEADER, "X-Canary", CanaryRule.Operator.EQUALS, "on"),
								new CanaryRule(CanaryRule.Source.COOKIE, "beta", CanaryRule.Operator.PRESENT, null))),
				new CanarySticky(CanarySticky.Source.CLIENT_ADDRESS, null),
				new NodesUpstream(List.of(new Node("10.0.0.2", 8081, 100))), null);

		String json = StoredFormat.writeCanary(canary);

		assertThat(json).isEqualTo("{\"weight\":20,\"conditions\":{\"match\":\"any\",\"rules\":["
				+ "{\"source\":\"header\",\"name\":\"X-Canary\",\"operator\":\"equals\",\"value\":\"on\"},"
				+ "{\"source\":\"cookie\",\"name\":\"beta\",\"operator\":\"present\"}]},"
				+ "\"sticky\":{\"source\":\"client_address\"},"
				+ "\"upstream\":{\"nodes\":[{\"host\":\"10.0.0.2\",\"port\":8081,\"weight\":100}]}}");
		assertThat(StoredFormat.readCanary(json)).isEqualTo(canary);
		assertThat(StoredFormat.writeCanary(StoredFormat.readCanary(json))).isEqualTo(json);
	}

	@Test
	void readCanary_versionCanaryWithVersionId_ignoresTheIdAndDefaultsWeightWithConditions() {
		CanarySpec canary = StoredFormat.readCanary("{\"conditions\":{\"match\":\"all\",\"rules\":[{\"source\":"
				+ "\"query\",\"name\":\"v\",\"operator\":\"regex\",\"value\":\"2.*\"}]},\"version\":\"1.1.0\","
				+ "\"version_id\":\"pv-1\"}");

		assertThat(canary).isEqualTo(new CanarySpec(100,
				new CanaryConditions(CanaryConditions.Match.ALL,
						List.of(new CanaryRule(CanaryRule.Source.QUERY, "v", CanaryRule.Operator.REGEX, "2.*"))),
				null, null, "1.1.0"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "{\"version\":\"1.1.0\"}|canary.weight", "{\"weight\":1.5,\"version\":\"1.1.0\"}|canary.weight",
					"{\"weight\":5,\"version\":1}|canary.version", "{\"weight\":5,\"upstream\":{}}|canary.upstream",
					"{\"weight\":5,\"conditions\":{\"rules\":[]}}|canary.conditions.match",
					"{\"weight\":5,\"conditions\":{\"match\":\"all\"}}|canary.conditions.rules",
					"{\"weight\":5,\"conditions\":[]}|canary.conditions",
					"{\"weight\":5,\"sticky\":{\"source\":\"header\",\"key\":\"k\"}}|canary.sticky.key",
					"{\"weight\":5,\"upstream\":{\"nodes\":[{\"host\":\"a\"}]}}|canary.upstream.nodes[0].port",
					"[]|canary", "{\"weight\":|canary" })
	void readCanary_malformed_throwsNamingTheField(String json, String field) {
		assertThatExceptionOfType(RouteCompilationException.class).isThrownBy(() -> StoredFormat.readCanary(json))
			.satisfies((ex) -> assertThat(ex.getErrors()).extracting(FieldError::field).containsExactly(field));
	}

	@Test
	void readCanary_emptyRoot_namesFieldsRelativeToTheBody() {
		String json = "{\"weight\":20,\"conditions\":{\"match\":\"all\",\"rules\":[{\"source\":\"path\","
				+ "\"name\":\"p\",\"operator\":\"equals\",\"value\":\"x\"}]},\"version\":\"1.1.0\",\"extra\":1}";

		assertThatExceptionOfType(RouteCompilationException.class).isThrownBy(() -> StoredFormat.readCanary(json, ""))
			.satisfies(
					(ex) -> assertThat(ex.getErrors()).containsExactly(new FieldError("extra", "is not a known field"),
							new FieldError("conditions.rules[0].source", "must be one of header, query, cookie")));
	}

}

package io.portico.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portico.cli.file.DeclarativeFileException;
import io.portico.cli.file.DeclarativeReader;
import io.portico.cli.file.FileProblem;
import io.portico.cli.file.LoadedConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FileReadingTests {

	private static final String SERVICE = """
			services:
			  - name: %s
			    upstream:
			      nodes:
			        - host: ${HOST}
			          port: 80
			    routes:
			      - name: r
			        uris: [/ip]
			""";

	private static Map<String, String> files(String... nameAndText) {
		Map<String, String> files = new LinkedHashMap<>();
		for (int i = 0; i < nameAndText.length; i += 2) {
			files.put(nameAndText[i], nameAndText[i + 1]);
		}
		return files;
	}

	private static List<String> problems(Map<String, String> env, Map<String, String> files) {
		DeclarativeFileException ex = catchThrowableOfType(DeclarativeFileException.class,
				() -> new DeclarativeReader(env).readTexts(files));
		assertThat(ex).isNotNull();
		return ex.getProblems().stream().map(FileProblem::toString).toList();
	}

	@Test
	void mergesServicesOfSeveralFilesAndSubstitutesVariables() {
		LoadedConfig loaded = new DeclarativeReader(Map.of("HOST", "httpbin.org"))
			.readTexts(files("a.yaml", SERVICE.formatted("one"), "b.yaml", SERVICE.formatted("two")));
		assertThat(loaded.config().services()).extracting("name").containsExactly("one", "two");
		assertThat(loaded.config().services().get(1).upstream().nodes().get(0).host()).isEqualTo("httpbin.org");
		assertThat(loaded.config().services().get(1).upstream().nodes().get(0).weight()).isEqualTo(100);
		assertThat(loaded.locate("services[1].routes[0].uris[0]", "bad").toString())
			.isEqualTo("b.yaml: services[0].routes[0].uris[0]: bad");
	}

	@Test
	void sameServiceInTwoFilesNamesBoth() {
		assertThat(problems(Map.of("HOST", "h"),
				files("a.yaml", SERVICE.formatted("one"), "b.yaml", SERVICE.formatted("one"))))
			.containsExactly("b.yaml: services[0].name: service 'one' is declared in both a.yaml (services[0])"
					+ " and b.yaml (services[0])");
	}

	@Test
	void unsetVariableIsAnErrorNamingItAndItsLine() {
		assertThat(problems(Map.of(), files("a.yaml", SERVICE.formatted("one"))))
			.containsExactly("a.yaml: line 5: ${HOST} is not set: set the environment variable, or write \\${HOST}"
					+ " for the literal text");
	}

	@Test
	void escapedVariableStaysLiteralAndCommentsAreLeftAlone() {
		String text = """
				# ${NOT_SET} in a comment
				services:
				  - name: one
				    description: "costs \\${PRICE}, set by ${WHO}"
				""";
		LoadedConfig loaded = new DeclarativeReader(Map.of("WHO", "ops")).readTexts(files("a.yaml", text));
		assertThat(loaded.config().services().get(0).description()).isEqualTo("costs ${PRICE}, set by ops");
	}

	@Test
	void refusesEveryUnsupportedAdcFieldByPath() {
		String text = """
				consumers: []
				ssls: []
				global_rules: {}
				stream_routes: []
				plugin_metadata: {}
				routes: []
				upstreams: []
				consumer_groups: []
				plugin_configs: []
				services:
				  - name: s
				    plugins: {}
				    plugin_config_id: x
				    upstream:
				      hash_on: vars
				      nodes:
				        - host: h
				          port: 80
				          priority: 0
				    routes:
				      - name: r
				        uris: [/a]
				        plugins: {}
				        plugin_config_id: x
				        timeout: {connect: 1}
				        vars: []
				        filter_func: x
				        enable_websocket: false
				        priority: 0
				        hosts: [a.com]
				""";
		List<String> problems = problems(Map.of(), files("a.yaml", text));
		assertThat(problems).extracting((problem) -> problem.split(": ")[1])
			.containsExactlyInAnyOrder("consumers", "ssls", "global_rules", "stream_routes", "plugin_metadata",
					"routes", "upstreams", "consumer_groups", "plugin_configs", "services[0].plugins",
					"services[0].plugin_config_id", "services[0].upstream.hash_on",
					"services[0].upstream.nodes[0].priority", "services[0].routes[0].plugins",
					"services[0].routes[0].plugin_config_id", "services[0].routes[0].timeout",
					"services[0].routes[0].vars", "services[0].routes[0].filter_func",
					"services[0].routes[0].enable_websocket", "services[0].routes[0].priority",
					"services[0].routes[0].hosts");
	}

	@Test
	void refusesDuplicateRouteNamesStripFalseBothUrisAndPathsAndBothUpstreams() {
		String text = """
				services:
				  - name: s
				    strip_path_prefix: false
				    upstream:
				      nodes: [{host: h, port: 80}]
				      discovery_type: nacos
				      service_name: x
				    routes:
				      - name: r
				        uris: [/a]
				      - name: r
				        uris: [/b]
				        paths: [/b]
				""";
		assertThat(problems(Map.of(), files("a.yaml", text))).containsExactlyInAnyOrder(
				"a.yaml: services[0].strip_path_prefix: Portico always strips the path prefix before forwarding:"
						+ " only true (or leaving it out) is accepted",
				"a.yaml: services[0].upstream: has both nodes and discovery_type: give exactly one",
				"a.yaml: services[0].routes[1]: has both uris and paths: give one (paths is an alias of uris)",
				"a.yaml: services[0].routes[1].name: duplicate route name 'r' (also services[0].routes[0])");
	}

	@Test
	void pathsIsAnAliasOfUris() {
		String text = """
				{"services": [{"name": "s", "routes": [{"name": "r", "paths": ["/a"]}]}]}
				""";
		LoadedConfig loaded = new DeclarativeReader(Map.of()).readTexts(files("a.json", text));
		assertThat(loaded.config().services().get(0).routes().get(0).uris()).containsExactly("/a");
	}

}

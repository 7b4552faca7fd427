package io.portico.cli;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LintTests {

	private static String resource(String name) {
		return Path.of("src/test/resources", name).toString();
	}

	@Test
	void acceptsAdcExampleFiles() {
		for (String file : new String[] { "adc/services-nodes.yaml", "adc/discovery.yaml", "adc/labels.yaml" }) {
			CliRun run = CliRun.run(Map.of(), "lint", "-f", resource(file));
			assertThat(run.code()).as(file + ": " + run.err()).isZero();
			assertThat(run.out()).startsWith("Valid: 1 service(s)");
		}
	}

	@Test
	void mergesSeveralFiles() {
		CliRun run = CliRun.run(Map.of(), "lint", "-f", resource("adc/services-nodes.yaml"), "-f",
				resource("adc/labels.yaml"));
		assertThat(run.code()).isZero();
		assertThat(run.out()).isEqualTo("Valid: 2 service(s), 3 route(s).\n");
	}

	@Test
	void refusesPluginsNamingThePath() {
		CliRun run = CliRun.run(Map.of(), "lint", "-f", resource("adc/plugins.yaml"));
		assertThat(run.code()).isEqualTo(2);
		assertThat(run.err()).contains("plugins.yaml: services[0].plugins: is not supported");
	}

	@Test
	void namesRouteCompilerErrorsByTheirPathInTheFile(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("bad.yaml");
		java.nio.file.Files.writeString(file, """
				services:
				  - name: ok
				    upstream: {nodes: [{host: a.example, port: 80}]}
				    routes: [{name: r, uris: [/a]}]
				  - name: bad
				    version: one
				    upstream:
				      scheme: ftp
				      nodes:
				        - {host: a.example, port: 70000}
				        - {host: b.example, port: 80, weight: -1}
				      timeout: {connect: 0}
				    routes:
				      - name: r
				        paths: [/a, "/b c"]
				        methods: [FETCH]
				""");
		CliRun run = CliRun.run(Map.of(), "lint", "-f", file.toString());
		assertThat(run.code()).isEqualTo(2);
		String f = file.toString();
		assertThat(run.err()).contains(f + ": services[1].routes[0].paths[1]: ")
			.contains(f + ": services[1].routes[0].methods[0]: ")
			.contains(f + ": services[1].upstream.nodes[0].port: must be between 1 and 65535")
			.contains(f + ": services[1].upstream.nodes[1].weight: ")
			.contains(f + ": services[1].upstream.scheme: must be 'http' or 'https'")
			.contains(f + ": services[1].upstream.timeout.connect: ")
			.contains(f + ": services[1].version: ")
			.doesNotContain("services[0]");
	}

	@Test
	void jsonOutputListsErrors() {
		CliRun run = CliRun.run(Map.of(), "lint", "--output", "json", "-f", resource("adc/plugins.yaml"));
		assertThat(run.code()).isEqualTo(2);
		assertThat(run.out()).contains("\"valid\" : false").contains("\"field\" : \"services[0].plugins\"");
	}

}

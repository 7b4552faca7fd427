package io.portico.admin.publish;

import java.util.Map;
import java.util.stream.Stream;

import io.portico.admin.AdminApi;
import io.portico.admin.AdminHttpTest;
import io.portico.admin.AdminTestDatabase;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.portico.admin.AdminApi.problem;
import static io.portico.admin.AdminApi.problemText;
import static io.portico.admin.AdminFixtures.route;
import static io.portico.admin.AdminFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every way a publish can be refused: the status, an {@code application/problem+json}
 * body naming the field, and a database left exactly as it was.
 */
@AdminHttpTest
class PublishValidationTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("adminval");

	private static final String NODE = "{\"host\": \"httpbin.org\", \"port\": 80}";

	@Autowired
	AdminApi api;

	@BeforeAll
	static void templates() {
		schema.execute(template("valid"), route("valid", "/valid"), template("other"), route("other", "/other"),
				template("empty"), template("boom"), route("boom", "/boom"),
				// Fails the write phase itself, after the first service of a batch was
				// written.
				"create function fail_boom() returns trigger as $$ begin if new.service_id = 'boom' then"
						+ " raise exception 'boom'; end if; return new; end $$ language plpgsql",
				"create trigger t_fail_boom before insert on published_version for each row execute function fail_boom()");
	}

	static Stream<Arguments> badPublishes() {
		return Stream.of(arguments("malformed JSON", "{\"gateway_group_id\": \"default\", \"services\": [", 400, null),
				arguments("unknown top-level field",
						body("default", service("valid", "1.0.0", upstream(NODE))).replace("{\"gateway_group_id\"",
								"{\"colour\": \"red\", \"gateway_group_id\""),
						400, "colour"),
				arguments("unknown nested field",
						body("default",
								service("valid", "1.0.0",
										upstream("{\"host\": \"httpbin.org\", \"port\": 80, \"colour\": \"red\"}"))),
						400, "services[0].upstream.nodes[0].colour"),
				arguments("port as string",
						body("default",
								service("valid", "1.0.0", upstream("{\"host\": \"a.example\", \"port\": \"80\"}"))),
						400, "services[0].upstream.nodes[0].port"),
				arguments("port as float",
						body("default",
								service("valid", "1.0.0", upstream("{\"host\": \"a.example\", \"port\": 80.5}"))),
						400, "services[0].upstream.nodes[0].port"),
				arguments("version as number",
						"{\"gateway_group_id\": \"default\", \"services\": [{\"template_id\": \"valid\", \"version\": 1,"
								+ " \"upstream\": {\"nodes\": [" + NODE + "]}}]}",
						400, "services[0].version"),
				arguments("missing template_id",
						"{\"gateway_group_id\": \"default\", \"services\": [{\"version\": \"1.0.0\","
								+ " \"upstream\": {\"nodes\": [" + NODE + "]}}]}",
						400, "services[0].template_id"),
				arguments("missing port",
						body("default", service("valid", "1.0.0", upstream("{\"host\": \"a.example\"}"))), 400,
						"services[0].upstream.nodes[0].port"),
				arguments("missing gateway_group_id",
						"{\"services\": [" + service("valid", "1.0.0", upstream(NODE)) + "]}", 400, "gateway_group_id"),
				arguments("empty services", "{\"gateway_group_id\": \"default\", \"services\": []}", 400, "services"),
				arguments("non-semver version", body("default", service("valid", "v1", upstream(NODE))), 400,
						"services[0].version"),
				arguments("no nodes", body("default", service("valid", "1.0.0", upstream(""))), 400,
						"services[0].upstream.nodes"),
				arguments("port 0",
						body("default", service("valid", "1.0.0", upstream("{\"host\": \"a.example\", \"port\": 0}"))),
						400, "services[0].upstream.nodes[0].port"),
				arguments("port 65536",
						body("default",
								service("valid", "1.0.0", upstream("{\"host\": \"a.example\", \"port\": 65536}"))),
						400, "services[0].upstream.nodes[0].port"),
				arguments("negative weight",
						body("default",
								service("valid", "1.0.0",
										upstream("{\"host\": \"a.example\", \"port\": 80, \"weight\": -1}"))),
						400, "services[0].upstream.nodes[0].weight"),
				arguments("host with scheme",
						body("default",
								service("valid", "1.0.0", upstream("{\"host\": \"http://a.example\", \"port\": 80}"))),
						400, "services[0].upstream.nodes[0].host"),
				arguments("host with path",
						body("default",
								service("valid", "1.0.0", upstream("{\"host\": \"a.example/x\", \"port\": 80}"))),
						400, "services[0].upstream.nodes[0].host"),
				arguments("host with spaces",
						body("default", service("valid", "1.0.0", upstream("{\"host\": \"a example\", \"port\": 80}"))),
						400, "services[0].upstream.nodes[0].host"),
				arguments("expression in description",
						body("default",
								service("valid", "1.0.0", upstream(NODE)).replace("\"version\"",
										"\"description\": \"#{T(java.lang.Runtime)}\", \"version\"")),
						400, "services[0].description"),
				arguments("expression in host",
						body("default", service("valid", "1.0.0", upstream("{\"host\": \"#{1}\", \"port\": 80}"))), 400,
						"services[0].upstream.nodes[0].host"),
				arguments("expression in group id", body("#{1}", service("valid", "1.0.0", upstream(NODE))), 400,
						"gateway_group_id"),
				arguments("unknown gateway group", body("nope", service("valid", "1.0.0", upstream(NODE))), 404,
						"gateway_group_id"),
				arguments("unknown template", body("default", service("nope", "1.0.0", upstream(NODE))), 404,
						"services[0].template_id"),
				arguments("template without routes", body("default", service("empty", "1.0.0", upstream(NODE))), 400,
						"services[0].template_id"),
				arguments("one bad service in a batch of two", body("default",
						service("valid", "1.0.0", upstream(NODE)) + ", "
								+ service("other", "1.0.0", upstream("{\"host\": \"a.example\", \"port\": 0}"))),
						400, "services[1].upstream.nodes[0].port"),
				arguments("template twice in a batch",
						body("default",
								service("valid", "1.0.0", upstream(NODE)) + ", "
										+ service("valid", "1.0.1", upstream(NODE))),
						400, "services[1].template_id"),
				arguments("first publish without upstream",
						"{\"gateway_group_id\": \"default\", \"services\": [{\"template_id\": \"valid\", \"version\": \"1.0.0\"}]}",
						400, "services[0].upstream"),
				arguments("unknown pass_host",
						body("default",
								service("valid", "1.0.0", upstream(NODE)).replace("\"version\"",
										"\"pass_host\": \"keep\", \"version\"")),
						400, "services[0].pass_host"),
				arguments("path prefix without slash",
						body("default",
								service("valid", "1.0.0", upstream(NODE)).replace("\"version\"",
										"\"path_prefix\": \"api\", \"version\"")),
						400, "services[0].path_prefix"),
				arguments("zero timeout",
						body("default",
								service("valid", "1.0.0", upstream(NODE)).replace("\"version\"",
										"\"timeout\": {\"connect\": 0}, \"version\"")),
						400, "services[0].timeout.connect"),
				arguments("discovery with unknown registry", body("default",
						"{\"template_id\": \"valid\", \"version\": \"1.0.0\", \"upstream\": {\"service_registry_id\":"
								+ " \"reg\", \"namespace\": \"default\", \"service_name\": \"httpbin\"}}"),
						404, "services[0].upstream.service_registry_id"),
				arguments("discovery without service name", body("default",
						"{\"template_id\": \"valid\", \"version\": \"1.0.0\", \"upstream\": {\"service_registry_id\":"
								+ " \"reg\", \"namespace\": \"default\"}}"),
						400, "services[0].upstream.service_name"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badPublishes")
	void publish_withBadInput_isRefusedNamingTheFieldAndChangesNothing(String name, String body, int status,
			String field) {
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		WebTestClient.BodyContentSpec response = problem(this.api.post("/api/services/publish", body), status)
			.jsonPath("$.status")
			.isEqualTo(status)
			.jsonPath("$.title")
			.isNotEmpty()
			.jsonPath("$.instance")
			.isEqualTo("/api/services/publish");
		if (field != null) {
			response.jsonPath("$.errors[*].field").value((fields) -> assertThat(fields.toString()).contains(field));
		}
		else {
			response.jsonPath("$.errors[0].message")
				.value((message) -> assertThat(message.toString()).contains("line"));
		}
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void publish_failingWhileWriting_rollsBackTheWholeBatchAndHidesInternals() {
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		problemText(this.api.post("/api/services/publish",
				body("default",
						service("valid", "3.0.0", upstream(NODE)) + ", " + service("boom", "3.0.0", upstream(NODE)))),
				500)
			.value((problem) -> assertThat(problem).contains("\"status\":500")
				.doesNotContain("boom")
				.doesNotContain("at io.")
				.doesNotContain("Exception"));
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	private static String body(String group, String services) {
		return "{\"gateway_group_id\": \"" + group + "\", \"services\": [" + services + "]}";
	}

	private static String service(String template, String version, String upstream) {
		return "{\"template_id\": \"" + template + "\", \"version\": \"" + version + "\", \"upstream\": " + upstream
				+ "}";
	}

	private static String upstream(String nodes) {
		return "{\"nodes\": [" + nodes + "]}";
	}

}

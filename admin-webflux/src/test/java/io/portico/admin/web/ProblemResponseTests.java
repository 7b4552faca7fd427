package io.portico.admin.web;

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
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.portico.admin.AdminApi.problem;
import static io.portico.admin.AdminFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every error path renders an RFC 9457 problem naming the field, and refused writes to
 * groups, templates and routes change nothing.
 */
@AdminHttpTest
class ProblemResponseTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("adminerr");

	@Autowired
	WebTestClient client;

	@Autowired
	AdminApi api;

	@BeforeAll
	static void takenTemplate() {
		schema.execute(template("taken"));
	}

	static Stream<Arguments> badWrites() {
		String templates = "/api/services/template";
		String routes = "/api/services/template/taken/routes";
		String groups = "/api/gateway_groups";
		return Stream.of(arguments(templates, "{\"name\": \"\"}", 400, "name"),
				arguments(templates, "{\"name\": \"   \"}", 400, "name"),
				arguments(templates, "{\"description\": \"no name\"}", 400, "name"),
				arguments(templates, "{\"name\": 42}", 400, "name"),
				arguments(templates, "{\"name\": \"taken\"}", 409, "name"),
				arguments(templates, "{\"name\": \"s\", \"type\": \"stream\"}", 400, "type"),
				arguments(templates, "{\"name\": \"s\", \"upstream_scheme\": \"grpc\"}", 400, "upstream_scheme"),
				arguments(templates, "{\"name\": \"s\", \"labels\": {\"env\": \"#{1+1}\"}}", 400, "labels.env"),
				arguments(templates, "{\"name\": \"#{systemProperties}\"}", 400, "name"),
				arguments(templates, "{\"name\": \"s\", \"id\": \"Not_Valid\"}", 400, "id"),
				arguments(templates, "{\"name\": \"s\", \"colour\": \"red\"}", 400, "colour"),
				arguments(templates, "{\"name\": \"s\",}", 400, "$"),
				arguments(routes, "{\"name\": \"r\", \"paths\": [\"anything\"]}", 400, "paths[0]"),
				arguments(routes, "{\"name\": \"r\", \"paths\": [\"/a\"], \"methods\": [\"FETCH\"]}", 400,
						"methods[0]"),
				arguments(routes, "{\"name\": \"\", \"paths\": [\"/a\"]}", 400, "name"),
				arguments(routes, "{\"name\": \"r\"}", 400, "paths"),
				arguments(routes, "{\"name\": \"r\", \"paths\": []}", 400, "paths"),
				arguments(routes, "{\"name\": \"r\", \"paths\": [\"/#{x}\"]}", 400, "paths[0]"),
				arguments("/api/services/template/nope/routes", "{\"name\": \"r\", \"paths\": [\"/a\"]}", 404,
						"template_id"),
				arguments(groups, "{\"name\": \"default\"}", 409, "name"),
				arguments(groups, "{\"name\": \"g\", \"id\": \"-bad\"}", 400, "id"),
				arguments(groups, "{\"name\": \"g\", \"labels\": \"env\"}", 400, "labels"),
				arguments(groups, "{\"name\": true}", 400, "name"));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("badWrites")
	void post_withBadInput_isRefusedNamingTheFieldAndChangesNothing(String uri, String body, int status, String field) {
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		problem(this.api.post(uri, body), status).jsonPath("$.status")
			.isEqualTo(status)
			.jsonPath("$.errors[*].field")
			.value((fields) -> assertThat(fields.toString()).contains(field));
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void unknownPath_returns404Problem() {
		problem(this.api.get("/api/nothing-here"), 404).jsonPath("$.status")
			.isEqualTo(404)
			.jsonPath("$.instance")
			.isEqualTo("/api/nothing-here");
	}

	@Test
	void wrongMethod_returns405Problem() {
		problem(this.client.method(HttpMethod.DELETE).uri("/api/services/publish").exchange(), 405).jsonPath("$.status")
			.isEqualTo(405);
	}

	@Test
	void textBody_returns415Problem() {
		problem(this.client.post()
			.uri("/api/services/publish")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("publish please")
			.exchange(), 415).jsonPath("$.status").isEqualTo(415);
	}

	@Test
	void emptyBody_returns400Problem() {
		problem(this.client.post().uri("/api/gateway_groups").contentType(MediaType.APPLICATION_JSON).exchange(), 400)
			.jsonPath("$.errors[0].field")
			.isEqualTo("$");
	}

	@Test
	void pageSizeAboveMax_returns400NamingPageSize() {
		problem(this.api.get("/api/services/template?page_size=501"), 400).jsonPath("$.errors[0].field")
			.isEqualTo("page_size");
	}

	@Test
	void pageNotANumber_returns400NamingPage() {
		problem(this.api.get("/api/gateway_groups?page=first"), 400).jsonPath("$.errors[0].field").isEqualTo("page");
	}

	@Test
	void unknownPublishedService_returns404NamingServiceId() {
		problem(this.api.get("/api/gateway_groups/default/services/nope/versions"), 404).jsonPath("$.errors[0].field")
			.isEqualTo("service_id");
	}

}

package io.portico.admin.template;

import java.util.List;
import java.util.Map;

import io.portico.admin.AdminHttpTest;
import io.portico.admin.AdminTestDatabase;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service template and route CRUD over HTTP against PostgreSQL.
 */
@AdminHttpTest
class ServiceTemplateControllerTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("admintpl");

	@Autowired
	WebTestClient client;

	@Test
	void templateAndRoutes_createUpdateDelete_roundTrip() {
		this.client.post()
			.uri("/api/services/template")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("id", "crud", "name", "crud"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("http")
			.jsonPath("$.upstream_scheme")
			.isEqualTo("http")
			.jsonPath("$.last_published")
			.isEmpty()
			.jsonPath("$.published_in")
			.isEmpty();
		this.client.post()
			.uri("/api/services/template/crud/routes")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(
					Map.of("id", "first", "name", "first", "paths", List.of("/users/{id}"), "methods", List.of("GET")))
			.exchange()
			.expectStatus()
			.isCreated();
		this.client.post()
			.uri("/api/services/template/crud/routes")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "second", "paths", List.of("/second")))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.methods")
			.isEmpty();
		this.client.get()
			.uri("/api/services/template/crud/routes")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(2)
			.jsonPath("$.list[0].name")
			.isEqualTo("first")
			.jsonPath("$.list[1].name")
			.isEqualTo("second");
		this.client.put()
			.uri("/api/services/template/crud")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "crud-renamed", "upstream_scheme", "https"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("crud-renamed")
			.jsonPath("$.upstream_scheme")
			.isEqualTo("https");
		this.client.delete().uri("/api/services/template/crud/routes/first").exchange().expectStatus().isNoContent();
		this.client.get()
			.uri("/api/services/template/crud/routes/first")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("route_id");
		this.client.delete().uri("/api/services/template/crud").exchange().expectStatus().isNoContent();
		assertThat(
				AdminTestDatabase.queryLong(schema, "select count(*) from template_route where template_id = 'crud'"))
			.isZero();
	}

	@Test
	void route_withDuplicateNameInTemplate_returns409NamingName() {
		this.client.post()
			.uri("/api/services/template")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("id", "dup-routes", "name", "dup-routes"))
			.exchange()
			.expectStatus()
			.isCreated();
		Map<String, Object> route = Map.of("name", "same", "paths", List.of("/same"));
		this.client.post()
			.uri("/api/services/template/dup-routes/routes")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(route)
			.exchange()
			.expectStatus()
			.isCreated();
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		this.client.post()
			.uri("/api/services/template/dup-routes/routes")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(route)
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("name");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void delete_whilePublished_returns409AndKeepsTheTemplate() {
		schema.execute(
				"insert into service_template (id, name, type, upstream_scheme, created_at, updated_at) values"
						+ " ('live', 'live', 'http', 'http', current_timestamp, current_timestamp)",
				"insert into published_version (id, gateway_group_id, service_id, service_name, service_type,"
						+ " upstream_scheme, version, routes, runtime, published_by, published_at) values ('live-v1',"
						+ " 'default', 'live', 'live', 'http', 'http', '1.0.0', '[]', '{}', 'admin', current_timestamp)",
				"insert into published_service (gateway_group_id, service_id, current_version_id, runtime,"
						+ " upstream_kind, created_at, updated_at) values ('default', 'live', 'live-v1', '{}', 'nodes',"
						+ " current_timestamp, current_timestamp)");
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		this.client.delete()
			.uri("/api/services/template/live")
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("default"));
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

}

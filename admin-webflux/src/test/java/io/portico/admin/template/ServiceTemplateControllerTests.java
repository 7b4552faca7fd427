package io.portico.admin.template;

import java.util.List;
import java.util.Map;

import io.portico.admin.AdminApi;
import io.portico.admin.AdminHttpTest;
import io.portico.admin.AdminTestDatabase;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.portico.admin.AdminApi.problem;
import static io.portico.admin.AdminFixtures.publishedService;
import static io.portico.admin.AdminFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service template and route CRUD over HTTP against PostgreSQL.
 */
@AdminHttpTest
class ServiceTemplateControllerTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("admintpl");

	@Autowired
	AdminApi api;

	@Test
	void templateAndRoutes_createUpdateDelete_roundTrip() {
		this.api.post("/api/services/template", Map.of("id", "crud", "name", "crud"))
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
		this.api
			.post("/api/services/template/crud/routes",
					Map.of("id", "first", "name", "first", "paths", List.of("/users/{id}"), "methods", List.of("GET")))
			.expectStatus()
			.isCreated();
		this.api.post("/api/services/template/crud/routes", Map.of("name", "second", "paths", List.of("/second")))
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.methods")
			.isEmpty();
		this.api.get("/api/services/template/crud/routes")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(2)
			.jsonPath("$.list[0].name")
			.isEqualTo("first")
			.jsonPath("$.list[1].name")
			.isEqualTo("second");
		this.api.put("/api/services/template/crud", Map.of("name", "crud-renamed", "upstream_scheme", "https"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("crud-renamed")
			.jsonPath("$.upstream_scheme")
			.isEqualTo("https");
		this.api.delete("/api/services/template/crud/routes/first").expectStatus().isNoContent();
		this.api.get("/api/services/template/crud/routes/first")
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("route_id");
		this.api.delete("/api/services/template/crud").expectStatus().isNoContent();
		assertThat(
				AdminTestDatabase.queryLong(schema, "select count(*) from template_route where template_id = 'crud'"))
			.isZero();
	}

	@Test
	void route_withDuplicateNameInTemplate_returns409NamingName() {
		this.api.post("/api/services/template", Map.of("id", "dup-routes", "name", "dup-routes"))
			.expectStatus()
			.isCreated();
		Map<String, Object> route = Map.of("name", "same", "paths", List.of("/same"));
		this.api.post("/api/services/template/dup-routes/routes", route).expectStatus().isCreated();
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		problem(this.api.post("/api/services/template/dup-routes/routes", route), 409).jsonPath("$.errors[0].field")
			.isEqualTo("name");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void delete_whilePublished_returns409AndKeepsTheTemplate() {
		schema.execute(template("live"));
		schema.execute(publishedService("default", "live", "live-v1"));
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		problem(this.api.delete("/api/services/template/live"), 409).jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("default"));
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

}

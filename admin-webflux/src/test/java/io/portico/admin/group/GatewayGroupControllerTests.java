package io.portico.admin.group;

import java.util.Map;

import io.portico.admin.AdminApi;
import io.portico.admin.AdminHttpTest;
import io.portico.admin.AdminTestDatabase;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static io.portico.admin.AdminApi.problem;
import static io.portico.admin.AdminFixtures.publishedService;
import static io.portico.admin.AdminFixtures.group;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gateway group CRUD over HTTP against PostgreSQL.
 */
@AdminHttpTest
class GatewayGroupControllerTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("admingroup");

	@Autowired
	AdminApi api;

	@Test
	void defaultGroup_existsFromTheFirstStart() {
		this.api.get("/api/gateway_groups?page=1&page_size=500")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.list[?(@.id == 'default')].name")
			.isEqualTo("default")
			.jsonPath("$.total")
			.value((total) -> assertThat(((Number) total).longValue()).isPositive());
	}

	@Test
	void createUpdateDelete_group_roundTrips() {
		this.api
			.post("/api/gateway_groups",
					Map.of("id", "staging", "name", "staging", "description", "Staging", "labels",
							Map.of("env", "staging")))
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo("staging")
			.jsonPath("$.config_revision")
			.isEqualTo(0)
			.jsonPath("$.labels.env")
			.isEqualTo("staging")
			.jsonPath("$.created_at")
			.isNotEmpty();
		this.api.put("/api/gateway_groups/staging", Map.of("name", "staging-eu", "description", "Staging in the EU"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("staging-eu")
			.jsonPath("$.labels.env")
			.doesNotExist();
		this.api.delete("/api/gateway_groups/staging").expectStatus().isNoContent();
		this.api.get("/api/gateway_groups/staging")
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void create_withoutId_getsRandomUuid() {
		this.api.post("/api/gateway_groups", Map.of("name", "anonymous"))
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.id")
			.value((id) -> assertThat(id.toString()).matches("[0-9a-f-]{36}"));
	}

	@Test
	void create_withDuplicateName_returns409NamingName() {
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		problem(this.api.post("/api/gateway_groups", Map.of("name", "default")), 409).jsonPath("$.errors[0].field")
			.isEqualTo("name");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void delete_whilePublished_returns409AndKeepsTheGroup() {
		schema.execute(group("busy"));
		schema.execute(publishedService("busy", "s1", "v1"));
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		problem(this.api.delete("/api/gateway_groups/busy"), 409).jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("published"));
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

}

package io.portico.admin.group;

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
 * Gateway group CRUD over HTTP against PostgreSQL.
 */
@AdminHttpTest
class GatewayGroupControllerTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("admingroup");

	@Autowired
	WebTestClient client;

	@Test
	void defaultGroup_existsFromTheFirstStart() {
		this.client.get()
			.uri("/api/gateway_groups?page=1&page_size=500")
			.exchange()
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
		this.client.post()
			.uri("/api/gateway_groups")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("id", "staging", "name", "staging", "description", "Staging", "labels",
					Map.of("env", "staging")))
			.exchange()
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
		this.client.put()
			.uri("/api/gateway_groups/staging")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "staging-eu", "description", "Staging in the EU"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("staging-eu")
			.jsonPath("$.labels.env")
			.doesNotExist();
		this.client.delete().uri("/api/gateway_groups/staging").exchange().expectStatus().isNoContent();
		this.client.get()
			.uri("/api/gateway_groups/staging")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void create_withoutId_getsRandomUuid() {
		this.client.post()
			.uri("/api/gateway_groups")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "anonymous"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.id")
			.value((id) -> assertThat(id.toString()).matches("[0-9a-f-]{36}"));
	}

	@Test
	void create_withDuplicateName_returns409NamingName() {
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		this.client.post()
			.uri("/api/gateway_groups")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "default"))
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
	void delete_whilePublished_returns409AndKeepsTheGroup() {
		schema.execute(
				"insert into gateway_group (id, name, created_at, updated_at) values ('busy', 'busy', current_timestamp, current_timestamp)",
				"insert into published_version (id, gateway_group_id, service_id, service_name, service_type,"
						+ " upstream_scheme, version, routes, runtime, published_by, published_at) values ('v1', 'busy',"
						+ " 's1', 's1', 'http', 'http', '1.0.0', '[]', '{}', 'admin', current_timestamp)",
				"insert into published_service (gateway_group_id, service_id, current_version_id, runtime,"
						+ " upstream_kind, created_at, updated_at) values ('busy', 's1', 'v1', '{}', 'nodes',"
						+ " current_timestamp, current_timestamp)");
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		this.client.delete()
			.uri("/api/gateway_groups/busy")
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("published"));
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

}

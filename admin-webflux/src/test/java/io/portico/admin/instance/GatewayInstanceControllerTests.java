package io.portico.admin.instance;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.portico.admin.AdminApi;
import io.portico.admin.AdminHttpTest;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static io.portico.admin.AdminApi.problem;
import static io.portico.admin.AdminFixtures.group;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instance status over HTTP, computed against a fixed clock from rows a gateway would
 * write.
 */
@AdminHttpTest
class GatewayInstanceControllerTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("admininst");

	static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

	@Autowired
	AdminApi api;

	@BeforeAll
	static void instances() {
		schema.execute(group("edge"), instance("a-healthy", "2025-06-01T11:59:50Z", "ok", "[]"),
				instance("b-only-heartbeat", "2025-06-01T11:59:59Z", "error",
						"[{\"field\":\"routes[0].paths[0]\",\"message\":\"must start with /\"}]"),
				instance("c-lost", "2025-06-01T11:59:30Z", "ok", "[]"),
				instance("d-offline", "2025-06-01T10:00:00Z", "ok", "[]"));
	}

	@Test
	void instances_withHeartbeatsOfDifferentAges_reportEachStatus() {
		this.api.get("/api/gateway_groups/edge/instances")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(4)
			.jsonPath("$.list[?(@.id == 'a-healthy')].status")
			.isEqualTo("healthy")
			.jsonPath("$.list[?(@.id == 'b-only-heartbeat')].status")
			.isEqualTo("only_heartbeat")
			.jsonPath("$.list[?(@.id == 'b-only-heartbeat')].config_errors[0].field")
			.isEqualTo("routes[0].paths[0]")
			.jsonPath("$.list[?(@.id == 'c-lost')].status")
			.isEqualTo("lost_connection")
			.jsonPath("$.list[?(@.id == 'c-lost')].discovery[0].stale")
			.isEqualTo(true)
			.jsonPath("$.list[?(@.id == 'd-offline')].status")
			.isEqualTo("offline")
			.jsonPath("$.list[?(@.id == 'a-healthy')].config_revision")
			.isEqualTo(7)
			.jsonPath("$.list[?(@.id == 'a-healthy')].software_version")
			.isEqualTo("0.1.0");
	}

	@Test
	void instances_ofUnknownGroup_returns404NamingTheGroup() {
		problem(this.api.get("/api/gateway_groups/nope/instances"), 404).jsonPath("$.errors[0].field")
			.isEqualTo("gateway_group_id");
	}

	@Test
	void deleteGroup_withConnectedInstance_returns409() {
		problem(this.api.delete("/api/gateway_groups/edge"), 409).jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("connected"));
	}

	private static String instance(String id, String heartbeat, String configStatus, String errors) {
		// The lost instance also reports a stale discovered upstream, as a gateway does
		// when its registry fails.
		String discovery = id.equals("c-lost") ? "[{\"service_registry_id\": \"k8s\", \"service_name\": \"httpbin\","
				+ " \"endpoints\": 2, \"stale\": true, \"last_error\": \"cannot connect\"}]" : "[]";
		return "insert into gateway_instance (id, gateway_group_id, hostname, address, software_version, config_revision,"
				+ " config_status, config_errors, discovery, started_at, last_heartbeat_at) values ('" + id
				+ "', 'edge', 'host-" + id + "', '10.0.0.1:9080', '0.1.0', 7, '" + configStatus + "', '" + errors
				+ "', '" + discovery + "', timestamp with time zone '2025-06-01T09:00:00Z', timestamp with time zone '"
				+ heartbeat + "')";
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		@Primary
		Clock fixedClock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

}

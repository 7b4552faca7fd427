package io.portico.admin.registry;

import java.util.List;
import java.util.Map;

import io.portico.admin.AdminApi;
import io.portico.admin.AdminHttpTest;
import io.portico.admin.AdminTestDatabase;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live status of registry connections with a fake client factory and short intervals:
 * {@code connecting} then {@code healthy} or {@code unhealthy}, the history, periodic
 * re-checks, time-outs, client rebuilds, and secrets that never reach a response or the
 * log.
 */
@AdminHttpTest(properties = { "portico.admin.registries.check-interval=300ms",
		"portico.admin.registries.check-timeout=400ms", "portico.admin.registries.history-size=5" })
@Import(FakeRegistryConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class RegistryHealthCheckerTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("adminhealth");

	@Autowired
	WebTestClient client;

	@Autowired
	AdminApi api;

	@Autowired
	FakeRegistryClientFactory factory;

	RegistryTestClient registries;

	@Autowired
	void registries(WebTestClient client) {
		this.registries = new RegistryTestClient(client);
	}

	@Test
	void create_answersConnecting_thenTurnsHealthyWithHistory() {
		Map<String, Object> created = this.registries.create("default",
				ServiceRegistryControllerTests.consul("up", "http://healthy.consul:8500", "token-up"));
		assertThat(created).containsEntry("status", "connecting").containsEntry("last_checked_at", null);

		Map<String, Object> healthy = this.registries.awaitStatus("default", "up", "healthy");
		assertThat(healthy).containsEntry("last_error", null);
		assertThat(healthy.get("last_checked_at")).isNotNull();
		Map<String, Object> checks = this.registries.checks("default", "up", 20);
		assertThat((List<Map<String, Object>>) checks.get("list")).isNotEmpty()
			.allSatisfy((check) -> assertThat(check).containsEntry("status", "healthy").containsEntry("error", null));
	}

	@Test
	void failingCheck_turnsUnhealthyWithAClearScrubbedErrorAndHistory() {
		this.registries.create("default",
				ServiceRegistryControllerTests.kubernetes("down", "https://failing.k8s:6443", "token-down-1234"));

		Map<String, Object> unhealthy = this.registries.awaitStatus("default", "down", "unhealthy");
		assertThat((String) unhealthy.get("last_error")).contains("401 Unauthorized from https://failing.k8s:6443")
			.contains("'******'")
			.doesNotContain("token-down-1234");
		Map<String, Object> checks = this.registries.checks("default", "down", 20);
		List<Map<String, Object>> list = (List<Map<String, Object>>) checks.get("list");
		assertThat(list).isNotEmpty()
			.allSatisfy((check) -> assertThat(check).containsEntry("status", "unhealthy")
				.containsEntry("error", unhealthy.get("last_error")));
		assertThat(list.get(0)).containsKeys("id", "duration_ms", "checked_at");
	}

	@Test
	void periodicCheck_turnsAHealthyConnectionUnhealthyAndBack() {
		this.registries.create("default",
				ServiceRegistryControllerTests.consul("flaky", "http://healthy.consul:8500", ""));
		this.registries.awaitStatus("default", "flaky", "healthy");

		this.factory.behave("flaky", FakeRegistryClientFactory.Behaviour.FAILING);
		this.registries.awaitStatus("default", "flaky", "unhealthy");
		this.factory.behave("flaky", FakeRegistryClientFactory.Behaviour.HEALTHY);
		this.registries.awaitStatus("default", "flaky", "healthy");

		List<Map<String, Object>> checks = (List<Map<String, Object>>) this.registries.checks("default", "flaky", 5)
			.get("list");
		assertThat(checks.get(0)).containsEntry("status", "healthy");
		assertThat(checks).extracting((check) -> check.get("status")).contains("unhealthy");
		assertThat(checks).extracting((check) -> check.get("checked_at").toString())
			.as("newest first")
			.isSortedAccordingTo((a, b) -> b.compareTo(a));
	}

	@Test
	void hangingCheck_timesOutWithoutStallingOtherChecks() {
		this.registries.create("default",
				ServiceRegistryControllerTests.consul("stuck", "http://hanging.consul:8500", ""));
		this.registries.create("default",
				ServiceRegistryControllerTests.consul("beside-stuck", "http://healthy.consul:8500", ""));

		this.registries.awaitStatus("default", "beside-stuck", "healthy");
		Map<String, Object> stuck = this.registries.awaitStatus("default", "stuck", "unhealthy");
		assertThat(stuck).containsEntry("last_error", "the registry did not answer within 400ms");
	}

	@Test
	void clientThatCannotBeBuilt_isUnhealthyWithTheFactorysMessage() {
		this.registries.create("default",
				ServiceRegistryControllerTests.consul("unbuilt", "http://unbuildable.consul:8500", ""));
		Map<String, Object> unhealthy = this.registries.awaitStatus("default", "unbuilt", "unhealthy");
		assertThat(unhealthy).containsEntry("last_error", "cannot build a client for http://unbuildable.consul:8500");
	}

	@Test
	void history_keepsOnlyTheNewestChecks() {
		this.registries.create("default",
				ServiceRegistryControllerTests.consul("busy", "http://healthy.consul:8500", ""));
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (AdminTestDatabase.queryLong(schema,
				"select count(*) from service_registry_check where registry_id = 'busy'") < 5
				&& System.nanoTime() < deadline) {
			RegistryTestClient.pause();
		}
		String newest = newestCheck("busy");
		while (newestCheck("busy").equals(newest) && System.nanoTime() < deadline) {
			RegistryTestClient.pause();
		}
		assertThat(newestCheck("busy")).as("checks go on").isNotEqualTo(newest);
		assertThat(this.registries.checks("default", "busy", 500)).containsEntry("total", 5);
	}

	@Test
	void update_rebuildsTheClientAndChecksAgain_delete_closesIt() {
		this.registries.create("default",
				ServiceRegistryControllerTests.consul("moving", "http://healthy.consul:8500", ""));
		this.registries.awaitStatus("default", "moving", "healthy");
		int created = this.factory.created();

		this.api
			.put("/api/gateway_groups/default/service_registries/moving",
					ServiceRegistryControllerTests.consul("moving", "http://failing.consul:8500", ""))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("connecting")
			.jsonPath("$.last_error")
			.isEmpty();
		this.registries.awaitStatus("default", "moving", "unhealthy");
		assertThat(this.factory.created()).isGreaterThan(created);

		int closed = this.factory.closed();
		this.api.delete("/api/gateway_groups/default/service_registries/moving").expectStatus().isNoContent();
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (this.factory.closed() <= closed && System.nanoTime() < deadline) {
			RegistryTestClient.pause();
		}
		assertThat(this.factory.closed()).isGreaterThan(closed);
	}

	@Test
	void secrets_neverAppearInResponsesOrTheLog(CapturedOutput output) {
		String[] secrets = { "s3cr3t-k8s-Token-5d1f", "s3cr3t-consul-Acl-0e9b", "s3cr3t-nacos-Pw-77aa",
				"s3cr3t-k8s-Token-2-c4e8" };
		StringBuilder responses = new StringBuilder();
		responses.append(this.registries.create("default",
				ServiceRegistryControllerTests.kubernetes("leaky-k8s", "https://failing.k8s:6443", secrets[0])));
		responses.append(this.registries.create("default",
				ServiceRegistryControllerTests.consul("leaky-consul", "http://failing.consul:8500", secrets[1])));
		responses.append(this.registries.create("default",
				"{\"id\": \"leaky-nacos\", \"name\": \"leaky-nacos\", \"type\": \"nacos\", \"nacos\": {\"address\":"
						+ " \"failing.nacos:8848\", \"username\": \"nacos\", \"password\": \"" + secrets[2] + "\"}}"));
		responses.append(
				this.api
					.put("/api/gateway_groups/default/service_registries/leaky-k8s",
							ServiceRegistryControllerTests.kubernetes("leaky-k8s", "https://failing.k8s:6443",
									secrets[3]))
					.expectStatus()
					.isOk()
					.expectBody(String.class)
					.returnResult()
					.getResponseBody());
		for (String id : new String[] { "leaky-k8s", "leaky-consul", "leaky-nacos" }) {
			Map<String, Object> unhealthy = this.registries.awaitStatus("default", id, "unhealthy");
			assertThat((String) unhealthy.get("last_error")).contains("******");
			responses.append(unhealthy);
			responses.append(this.registries.checks("default", id, 500));
			responses.append(this.client.get()
				.uri("/api/gateway_groups/default/service_registries/{id}/services", id)
				.exchange()
				.expectStatus()
				.isEqualTo(502)
				.expectBody(String.class)
				.returnResult()
				.getResponseBody());
		}
		responses.append(this.api.get("/api/gateway_groups/default/service_registries?page_size=500")
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());

		assertThat(output.getAll()).as("the log names the failures").contains("is unhealthy: 401 Unauthorized");
		for (String secret : secrets) {
			assertThat(responses.toString()).doesNotContain(secret);
			assertThat(output.getAll()).doesNotContain(secret);
		}
	}

	private static String newestCheck(String id) {
		String newest = AdminTestDatabase.queryString(schema,
				"select max(checked_at)::text from service_registry_check where registry_id = '" + id + "'");
		return (newest != null) ? newest : "";
	}

}

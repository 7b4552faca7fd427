package io.portico.admin.secret;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portico.admin.AdminApplication;
import io.portico.admin.AdminTestDatabase;
import io.portico.admin.registry.FakeRegistryConfiguration;
import io.portico.admin.registry.RegistryTestClient;
import io.portico.secrets.SecretCipher;
import io.portico.secrets.SecretKeys;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin restarted on the same PostgreSQL schema with another key: a connection
 * written under key A is reported unreadable under key B (unhealthy, with both key ids,
 * {@code secrets_readable: false}) while everything else works; sending the secret again
 * heals it; and restarting with B current and A previous reads A's rows and re-encrypts
 * them under B on their next check.
 */
@ExtendWith(OutputCaptureExtension.class)
class WrongSecretKeyTests {

	private static final String KEY_A = AdminTestDatabase.SECRETS_KEY;

	private static final String KEY_B = "a2V5LWItcG9ydGljby1zZWNyZXRzLWtleS0zMmJ5dGU=";

	private static final String PASSWORD = "nacos-pw-WrongKey-77c1";

	static final PostgresTestSchema schema = PostgresTestSchema.create("adminwrongkey");

	@AfterAll
	static void dropSchema() {
		schema.close();
	}

	@Test
	void restartWithAnotherKey_reportsTheSecretUnreadableWithoutCrashing_andRotationRecovers(CapturedOutput output) {
		String idA = keyId(KEY_A);
		String idB = keyId(KEY_B);
		try (ConfigurableApplicationContext admin = start(KEY_A, null)) {
			RegistryTestClient registries = new RegistryTestClient(client(admin));
			registries.create("default", nacos("written-under-a", PASSWORD));
			registries.create("default", nacos("healed-under-b", PASSWORD));
			registries.awaitStatus("default", "written-under-a", "healthy");
			registries.awaitStatus("default", "healed-under-b", "healthy");
		}

		try (ConfigurableApplicationContext admin = start(KEY_B, null)) {
			WebTestClient client = client(admin);
			RegistryTestClient registries = new RegistryTestClient(client);
			Map<String, Object> unreadable = registries.await("default", "written-under-a",
					(body) -> "unhealthy".equals(body.get("status")), "unhealthy");
			assertThat(unreadable).containsEntry("secrets_readable", false);
			assertThat((String) unreadable.get("last_error"))
				.isEqualTo("secret unreadable with the configured key (key id " + idB
						+ "): it was encrypted under key id " + idA + ", which is not configured");
			assertThat(unreadable.get("nacos")).asString().contains("password_set=false");

			client.get()
				.uri("/api/gateway_groups/default/service_registries")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.total")
				.isEqualTo(2);
			client.get().uri("/api/gateway_groups").exchange().expectStatus().isOk();
			client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
			assertThat(registries.create("default", nacos("new-under-b", "nacos-pw-new-b")))
				.containsEntry("secrets_readable", true);
			client.get()
				.uri("/api/gateway_groups/default/service_registries/written-under-a/services")
				.exchange()
				.expectStatus()
				.isEqualTo(409)
				.expectBody()
				.jsonPath("$.detail")
				.value((detail) -> assertThat(detail.toString()).contains("secret unreadable"));
			put(client, "healed-under-b", "\"username\": \"nacos\"").expectStatus()
				.isEqualTo(409)
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("nacos.password");

			put(client, "healed-under-b", "\"username\": \"nacos\", \"password\": \"" + PASSWORD + "\"").expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.secrets_readable")
				.isEqualTo(true);
			registries.awaitStatus("default", "healed-under-b", "healthy");
			assertThat(admin.isRunning()).isTrue();
		}
		assertThat(SecretCipher.isEncrypted(stored("written-under-a"))).isTrue();
		assertThat(new SecretCipher(SecretKeys.of(KEY_A, List.of())).isCurrent(stored("written-under-a")))
			.as("an unreadable secret is left as it was")
			.isTrue();

		try (ConfigurableApplicationContext admin = start(KEY_B, KEY_A)) {
			RegistryTestClient registries = new RegistryTestClient(client(admin));
			Map<String, Object> healthy = registries.awaitStatus("default", "written-under-a", "healthy");
			assertThat(healthy).containsEntry("secrets_readable", true);
		}
		SecretCipher cipherB = new SecretCipher(SecretKeys.of(KEY_B, List.of()));
		assertThat(cipherB.isCurrent(stored("written-under-a"))).as("re-encrypted under B by its check").isTrue();
		assertThat(cipherB.decrypt(stored("written-under-a"), "written-under-a")).contains(PASSWORD);
		assertThat(output.getAll()).doesNotContain(PASSWORD).doesNotContain(KEY_A).doesNotContain(KEY_B);
	}

	private static ConfigurableApplicationContext start(String key, String previousKey) {
		Map<String, Object> properties = new LinkedHashMap<>();
		AdminTestDatabase.register((name, value) -> properties.put(name, value.get()), schema);
		properties.put("server.port", 0);
		properties.put("portico.admin.registries.check-interval", "200ms");
		properties.put("portico.secrets.key", key);
		if (previousKey != null) {
			properties.put("portico.secrets.previous-keys", previousKey);
		}
		List<String> args = new ArrayList<>();
		// Arguments, not default properties: those would lose to application.yml.
		properties.forEach((name, value) -> args.add("--" + name + "=" + value));
		return new SpringApplicationBuilder(AdminApplication.class, FakeRegistryConfiguration.class)
			.run(args.toArray(String[]::new));
	}

	private static WebTestClient client(ConfigurableApplicationContext admin) {
		int port = ((WebServerApplicationContext) admin).getWebServer().getPort();
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.defaultHeader("X-API-KEY", AdminTestDatabase.ADMIN_TOKEN)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

	private static WebTestClient.ResponseSpec put(WebTestClient client, String id, String credentials) {
		return client.put()
			.uri("/api/gateway_groups/default/service_registries/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \"" + id
					+ "\", \"type\": \"nacos\", \"nacos\": {\"address\": \"healthy.nacos:8848\", " + credentials + "}}")
			.exchange();
	}

	private static String nacos(String id, String password) {
		return "{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"type\": \"nacos\", \"nacos\": {\"address\":"
				+ " \"healthy.nacos:8848\", \"username\": \"nacos\", \"password\": \"" + password + "\"}}";
	}

	private static String stored(String id) {
		return AdminTestDatabase.queryString(schema, "select secrets from service_registry where id = '" + id + "'");
	}

	private static String keyId(String key) {
		return SecretKeys.of(key, List.of()).currentId();
	}

}

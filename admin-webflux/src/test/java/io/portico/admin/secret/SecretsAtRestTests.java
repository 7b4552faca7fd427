package io.portico.admin.secret;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.portico.admin.AdminApi;
import io.portico.admin.AdminHttpTest;
import io.portico.admin.AdminTestDatabase;
import io.portico.admin.registry.FakeRegistryConfiguration;
import io.portico.admin.registry.RegistryHealthChecker;
import io.portico.admin.registry.RegistryTestClient;
import io.portico.admin.registry.ServiceRegistryRepository;
import io.portico.secrets.SecretCipher;
import io.portico.secrets.SecretKeys;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.portico.admin.AdminFixtures.consulRegistry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registry secrets at rest on PostgreSQL, with the test key current and an older key
 * configured as previous: a dump of the database holds no secret, rows in plain text or
 * under the previous key are re-encrypted under the current key when the admin checks or
 * edits them, and by {@code POST /api/secrets/reencrypt}. Periodic checks are off (1 h),
 * so that only the test's accesses re-encrypt.
 */
@AdminHttpTest(properties = { "portico.admin.registries.check-interval=1h",
		"portico.secrets.previous-keys=" + SecretsAtRestTests.OLD_KEY })
@Import(FakeRegistryConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class SecretsAtRestTests {

	/** The key before the rotation to the test key. */
	static final String OLD_KEY = "b2xkLXBvcnRpY28tc2VjcmV0cy1rZXktcm90YXRlZC0=";

	/** A key this admin does not know. */
	static final String UNKNOWN_KEY = "dW5rbm93bi1wb3J0aWNvLXNlY3JldHMta2V5LTMyYiE=";

	static final PostgresTestSchema schema = PostgresTestSchema.create("adminsecrets");

	private static final SecretCipher CURRENT = cipher(AdminTestDatabase.SECRETS_KEY);

	private static final SecretCipher OLD = cipher(OLD_KEY);

	@Autowired
	WebTestClient client;

	@Autowired
	AdminApi api;

	@Autowired
	ServiceRegistryRepository repository;

	@Autowired
	RegistryHealthChecker checker;

	RegistryTestClient registries;

	@Autowired
	void registries(WebTestClient client) {
		this.registries = new RegistryTestClient(client);
	}

	@Test
	void create_withPassword_pgDumpHoldsNeitherThePasswordNorItsBase64(CapturedOutput output) throws Exception {
		String password = "nacos-pw-AtRest-5e11";
		Map<String, Object> created = this.registries.create("default",
				"{\"id\": \"dumped\", \"name\": \"dumped\", \"type\": \"nacos\", \"nacos\": {\"address\":"
						+ " \"healthy.nacos:8848\", \"username\": \"nacos\", \"password\": \"" + password + "\"}}");
		assertThat(created).containsEntry("secrets_readable", true);
		this.registries.awaitStatus("default", "dumped", "healthy");

		String dump = pgDump();

		assertThat(dump).as("the dump has the table's data").contains("healthy.nacos:8848");
		assertThat(dump).contains("enc:v1:" + CURRENT.keys().currentId() + ":")
			.doesNotContain(password)
			.doesNotContain(base64(password))
			.doesNotContain(base64("{\"password\":\"" + password + "\"}"))
			.doesNotContain(AdminTestDatabase.SECRETS_KEY);
		assertThat(output.getAll()).doesNotContain(password).doesNotContain(AdminTestDatabase.SECRETS_KEY);
	}

	@Test
	void plainTextRow_isReadAndReencryptedUnderTheCurrentKeyByItsNextCheck() {
		insert("legacy-plain", "{\"token\":\"consul-legacy-plain-1a2b\"}");
		assertThat(this.registries.get("default", "legacy-plain")).containsEntry("secrets_readable", true);

		StepVerifier.create(this.repository.findById("legacy-plain").flatMap(this.checker::check))
			.expectNext("healthy")
			.expectComplete()
			.verify(Duration.ofSeconds(10));

		String stored = stored("legacy-plain");
		assertThat(CURRENT.isCurrent(stored)).isTrue();
		assertThat(CURRENT.decrypt(stored, "legacy-plain")).isEqualTo("{\"token\":\"consul-legacy-plain-1a2b\"}");
	}

	@Test
	void rowUnderThePreviousKey_isReadable_andReencryptedWhenItIsEdited() {
		insert("old-key-put", OLD.encrypt("{\"token\":\"consul-old-key-3c4d\"}", "old-key-put"));
		long rowVersion = AdminTestDatabase.queryLong(schema,
				"select row_version from service_registry where id = 'old-key-put'");

		this.api
			.put("/api/gateway_groups/default/service_registries/old-key-put",
					"{\"name\": \"old-key-renamed\", \"type\": \"consul\", \"consul\": {\"address\":"
							+ " \"http://healthy.consul:8500\"}}")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.consul.token_set")
			.isEqualTo(true)
			.jsonPath("$.secrets_readable")
			.isEqualTo(true);

		String stored = stored("old-key-put");
		assertThat(CURRENT.isCurrent(stored)).isTrue();
		assertThat(CURRENT.decrypt(stored, "old-key-put")).as("the kept token")
			.isEqualTo("{\"token\":\"consul-old-key-3c4d\"}");
		assertThat(AdminTestDatabase.queryLong(schema,
				"select row_version from service_registry where id = 'old-key-put'"))
			.isEqualTo(rowVersion + 1);
	}

	@Test
	void reencryptCommand_rewritesPlainAndPreviousKeyRows_countsTheRest_andChangesNoRevision() {
		Map<String, Object> before = reencrypt();
		insert("cmd-plain", "{\"token\":\"consul-cmd-plain-5e6f\"}");
		insert("cmd-old", OLD.encrypt("{\"token\":\"consul-cmd-old-7a8b\"}", "cmd-old"));
		insert("cmd-unknown", cipher(UNKNOWN_KEY).encrypt("{\"token\":\"consul-cmd-unknown-9c0d\"}", "cmd-unknown"));
		insert("cmd-current", CURRENT.encrypt("{\"token\":\"consul-cmd-current-1e2f\"}", "cmd-current"));
		insert("cmd-none", "{}");
		long revision = AdminTestDatabase.queryLong(schema,
				"select config_revision from gateway_group where id = 'default'");
		String unknownBefore = stored("cmd-unknown");

		Map<String, Object> after = reencrypt();

		assertThat(after).containsEntry("key_id", CURRENT.keys().currentId())
			.containsEntry("reencrypted", 2)
			.containsEntry("already_current", number(before, "already_current") + number(before, "reencrypted") + 2)
			.containsEntry("unreadable", number(before, "unreadable") + 1);
		for (String id : List.of("cmd-plain", "cmd-old", "cmd-current")) {
			assertThat(CURRENT.isCurrent(stored(id))).as(id).isTrue();
			assertThat(CURRENT.decrypt(stored(id), id)).as(id).startsWith("{\"token\":\"consul-cmd-");
		}
		assertThat(stored("cmd-unknown")).as("left as it was").isEqualTo(unknownBefore);
		assertThat(stored("cmd-none")).isEqualTo("{}");
		assertThat(
				AdminTestDatabase.queryLong(schema, "select config_revision from gateway_group where id = 'default'"))
			.isEqualTo(revision);
		Map<String, Object> again = reencrypt();
		assertThat(again).containsEntry("reencrypted", 0);
	}

	@Test
	void rowUnderAnUnknownKey_isListedUnreadable_andItsCheckSaysWhyWithoutCallingTheRegistry() {
		insert("unknown-key", cipher(UNKNOWN_KEY).encrypt("{\"token\":\"consul-unknown-3a4b\"}", "unknown-key"));

		StepVerifier.create(this.repository.findById("unknown-key").flatMap(this.checker::check))
			.expectNext("unhealthy")
			.expectComplete()
			.verify(Duration.ofSeconds(10));

		Map<String, Object> read = this.registries.get("default", "unknown-key");
		assertThat(read).containsEntry("secrets_readable", false).containsEntry("status", "unhealthy");
		assertThat((String) read.get("last_error"))
			.startsWith("secret unreadable with the configured key (key id " + CURRENT.keys().currentId() + ")")
			.contains("key id " + cipher(UNKNOWN_KEY).keys().currentId());
	}

	private Map<String, Object> reencrypt() {
		return this.client.post()
			.uri("/api/secrets/reencrypt")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private static int number(Map<String, Object> body, String field) {
		return ((Number) body.get(field)).intValue();
	}

	private static void insert(String id, String secrets) {
		schema.execute(consulRegistry(id, "default", secrets));
	}

	private static String stored(String id) {
		return AdminTestDatabase.queryString(schema, "select secrets from service_registry where id = '" + id + "'");
	}

	private static SecretCipher cipher(String key) {
		return new SecretCipher(SecretKeys.of(key, List.of()));
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Dumps the test schema with {@code pg_dump}, as an operator or an attacker with a
	 * backup would read it.
	 */
	private static String pgDump() throws IOException, InterruptedException {
		URI url = URI.create(schema.jdbcUrl().substring("jdbc:".length()));
		List<String> command = new ArrayList<>(
				List.of("pg_dump", "-h", url.getHost(), "-p", String.valueOf(url.getPort()), "-U", schema.username(),
						"-n", schema.name(), url.getPath().substring(1)));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("PGPASSWORD", schema.password());
		Process process = builder.start();
		String dump;
		try (InputStream in = process.getInputStream()) {
			dump = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("pg_dump ends").isTrue();
		assertThat(process.exitValue()).as("pg_dump: %s", dump).isZero();
		return dump;
	}

}

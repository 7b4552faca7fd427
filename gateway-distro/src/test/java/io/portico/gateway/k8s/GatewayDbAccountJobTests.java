package io.portico.gateway.k8s;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static io.portico.testsupport.LocalHost.onPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the command of the Job in {@code k8s/gateway-db-account.yaml} with {@code sh} and
 * {@code psql}, as its pod would, with the ConfigMap's script and the values of the
 * Secrets it names pointed at a test schema: it waits while the schema is not migrated,
 * then creates the gateway account. Skipped where {@code sh} or {@code psql} is missing.
 */
class GatewayDbAccountJobTests {

	private static final Path MANIFEST = Path.of("..", "k8s", "gateway-db-account.yaml");

	static final PostgresTestSchema db = PostgresTestSchema.createEmpty("gw_acct_job");

	@AfterAll
	static void close() {
		db.close();
	}

	@Test
	void jobCommand_startedBeforeTheMigration_waitsThenCreatesTheGatewayAccount() throws Exception {
		Path psql = onPath("psql");
		assumeThat(psql).as("psql on the PATH").isNotNull();
		assumeThat(Path.of("/bin/sh")).isExecutable();
		List<HasMetadata> objects = load();
		Job job = objects.stream().filter(Job.class::isInstance).map(Job.class::cast).findFirst().orElseThrow();
		ConfigMap scripts = objects.stream()
			.filter(ConfigMap.class::isInstance)
			.map(ConfigMap.class::cast)
			.findFirst()
			.orElseThrow();
		Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
		String role = "t_gw_job_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		Map<String, String> secrets = Map.of("portico-db/url", db.r2dbcUrl(), "portico-db/username", db.username(),
				"portico-db/password", db.password(), "portico-gateway-db/username", role,
				"portico-gateway-db/password", "pw-" + UUID.randomUUID());
		Path script = Files.createTempFile("gateway-account", ".sql");
		StringBuffer output = new StringBuffer();
		try {
			Files.writeString(script, scripts.getData().get("gateway-account.sql"), StandardCharsets.UTF_8);
			ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", container.getArgs().get(0))
				.redirectErrorStream(true);
			Map<String, String> environment = builder.environment();
			for (EnvVar env : container.getEnv()) {
				SecretKeySelector ref = (env.getValueFrom() != null) ? env.getValueFrom().getSecretKeyRef() : null;
				environment.put(env.getName(),
						(ref != null) ? secrets.get(ref.getName() + "/" + ref.getKey()) : env.getValue());
			}
			// The pod's mount and the admin's schema, here a temporary file and the test
			// schema.
			environment.put("SCRIPT", script.toString());
			environment.put("SCHEMA", db.name());
			Process process = builder.start();
			Thread reader = new Thread(() -> copy(process, output), "psql-output");
			reader.setDaemon(true);
			reader.start();

			await().atMost(Duration.ofSeconds(30)).until(() -> output.toString().contains("Waiting for the admin"));
			assertThat(process.isAlive()).as(output::toString).isTrue();
			db.migrate();

			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(output::toString).isTrue();
			reader.join(5000);
			assertThat(process.exitValue()).as(output::toString).isZero();
			assertThat(privilege(role, "published_version", "SELECT")).isTrue();
			assertThat(privilege(role, "gateway_instance", "INSERT")).isTrue();
			assertThat(privilege(role, "gateway_instance", "DELETE")).isFalse();
			assertThat(privilege(role, "service_template", "SELECT")).isFalse();
		}
		finally {
			Files.deleteIfExists(script);
			dropRole(role);
		}
	}

	private static void dropRole(String role) throws SQLException {
		try (Connection owner = db.connect();
				PreparedStatement select = owner.prepareStatement("select 1 from pg_roles where rolname = ?")) {
			select.setString(1, role);
			try (ResultSet rows = select.executeQuery()) {
				if (rows.next()) {
					db.execute("drop owned by " + role, "drop role " + role);
				}
			}
		}
	}

	private static boolean privilege(String role, String table, String privilege) throws SQLException {
		try (Connection owner = db.connect();
				PreparedStatement select = owner.prepareStatement("select has_table_privilege(?, ?, ?)")) {
			select.setString(1, role);
			select.setString(2, db.name() + "." + table);
			select.setString(3, privilege);
			try (ResultSet rows = select.executeQuery()) {
				assertThat(rows.next()).isTrue();
				return rows.getBoolean(1);
			}
		}
	}

	private static void copy(Process process, StringBuffer output) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				output.append(line).append('\n');
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<HasMetadata> load() throws IOException {
		KubernetesSerialization serialization = new KubernetesSerialization();
		return Arrays.stream(Files.readString(MANIFEST, StandardCharsets.UTF_8).split("(?m)^---\\s*$"))
			.filter((document) -> document.lines().anyMatch((line) -> line.startsWith("kind:")))
			.map((document) -> serialization.unmarshal(document, HasMetadata.class))
			.toList();
	}

}

package io.portico.admin.secret;

import java.util.ArrayList;
import java.util.List;

import io.portico.admin.AdminApplication;
import io.portico.admin.AdminTestDatabase;
import io.portico.secrets.SecretCipher;
import io.portico.secrets.SecretKeyException;
import io.portico.secrets.SecretKeys;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The admin's key: without one it does not start, on PostgreSQL as on H2, and says which
 * properties to set; with one its cipher encrypts under it.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsConfigurationTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("adminnokey");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(SecretsConfiguration.class);

	@AfterAll
	static void dropSchema() {
		schema.close();
	}

	@Test
	void context_withKey_hasACipherUnderThatKey() {
		this.runner.withPropertyValues("portico.secrets.key=" + AdminTestDatabase.SECRETS_KEY).run((context) -> {
			assertThat(context).hasSingleBean(SecretCipher.class);
			assertThat(context.getBean(SecretCipher.class).keys().currentId())
				.isEqualTo(SecretKeys.of(AdminTestDatabase.SECRETS_KEY, List.of()).currentId());
		});
	}

	@Test
	void context_withoutKey_failsNamingTheProperties() {
		this.runner.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.isInstanceOf(SecretKeyException.class)
			.hasMessageContaining("The admin needs a key")
			.hasMessageContaining("portico.secrets.key")
			.hasMessageContaining("PORTICO_SECRETS_KEY")
			.hasMessageContaining("portico.secrets.key-file"));
	}

	@Test
	void context_withMalformedKey_failsWithoutQuotingIt() {
		this.runner.withPropertyValues("portico.secrets.key=c2hvcnQ=")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(SecretKeyException.class)
				.hasMessageContaining("must be 32 bytes")
				.hasMessageNotContaining("c2hvcnQ="));
	}

	@Test
	void admin_onPostgresWithoutKey_refusesToStartWithAReportNamingTheProperties(CapturedOutput output) {
		List<String> args = new ArrayList<>();
		AdminTestDatabase.register((name, value) -> {
			if (!name.startsWith("portico.secrets")) {
				args.add("--" + name + "=" + value.get());
			}
		}, schema);
		args.add("--server.port=0");

		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(AdminApplication.class).run(args.toArray(String[]::new)))
			.havingRootCause()
			.isInstanceOf(SecretKeyException.class);
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("The admin needs a key to encrypt secrets at rest")
			.contains("PORTICO_SECRETS_KEY_FILE");
	}

	@Test
	void admin_onEmbeddedH2WithoutKey_refusesToStartToo() {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(AdminApplication.class).run("--server.port=0",
					"--spring.r2dbc.url=r2dbc:h2:mem:///nokey?options=DB_CLOSE_DELAY=-1",
					"--spring.flyway.url=jdbc:h2:mem:nokey;DB_CLOSE_DELAY=-1"))
			.havingRootCause()
			.isInstanceOf(SecretKeyException.class)
			.withMessageContaining("portico.secrets.key");
	}

}

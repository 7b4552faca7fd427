package io.portico.gateway.sync;

import io.portico.secrets.SecretCipher;
import io.portico.secrets.SecretKeyException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's secrets key: optional (the gateway only reads), but a malformed one stops
 * the start.
 */
class SecretsConfigurationTests {

	private static final String KEY = "Z2F0ZXdheS10ZXN0LXNlY3JldHMta2V5LTMyYnl0ZXM=";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(SecretsConfiguration.class);

	@Test
	void context_withoutKey_startsWithACipherThatOnlyReadsPlainText() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SecretCipher.class);
			assertThat(context.getBean(SecretCipher.class).keys().hasCurrent()).isFalse();
		});
	}

	@Test
	void context_withKeyAndPreviousKey_knowsBoth() {
		this.runner
			.withPropertyValues("portico.secrets.key=" + KEY,
					"portico.secrets.previous-keys=b3RoZXItZ2F0ZXdheS1zZWNyZXRzLWtleS0zMmJ5dGU=")
			.run((context) -> assertThat(context.getBean(SecretCipher.class).keys().ids()).hasSize(2));
	}

	@Test
	void context_withMalformedKey_fails() {
		this.runner.withPropertyValues("portico.secrets.key=too-short")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(SecretKeyException.class)
				.hasMessageContaining("portico.secrets.key"));
	}

}

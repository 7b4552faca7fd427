package io.portico.secrets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start-up failure caused by the secrets key becomes a short report naming what to set.
 */
class SecretKeyFailureAnalyzerTests {

	@Test
	void analyze_wrappedKeyFailure_reportsItsMessageAndHowToFixIt() {
		SecretKeyException cause = new SecretKeyException("The admin needs a key");

		FailureAnalysis analysis = new SecretKeyFailureAnalyzer()
			.analyze(new IllegalStateException("Error creating bean 'secretCipher'", cause));

		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo("The admin needs a key");
		assertThat(analysis.getAction()).contains("PORTICO_SECRETS_KEY")
			.contains("PORTICO_SECRETS_KEY_FILE")
			.contains("openssl rand -base64 32");
	}

	@Test
	void analyze_otherFailure_isLeftToOthers() {
		assertThat(new SecretKeyFailureAnalyzer().analyze(new IllegalStateException("boom"))).isNull();
	}

}

package io.portico.secrets;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start-up failure caused by the secrets key into Boot's short "APPLICATION
 * FAILED TO START" report, instead of a stack trace, naming the properties to set.
 */
class SecretKeyFailureAnalyzer extends AbstractFailureAnalyzer<SecretKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SecretKeyException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Give the admin and every gateway the same key: portico.secrets.key (environment"
						+ " PORTICO_SECRETS_KEY) or portico.secrets.key-file (environment PORTICO_SECRETS_KEY_FILE),"
						+ " the base64 of 32 random bytes ('openssl rand -base64 32'). See docs/secrets-at-rest.md.",
				cause);
	}

}

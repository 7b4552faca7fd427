package io.portico.secrets;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The keys that encrypt secrets at rest ({@code portico.secrets.*}), the same for the
 * admin and its gateways. Each key is the base64 of 32 random bytes
 * ({@code openssl rand -base64 32}).
 *
 * @param key the current key, which encrypts every value written; empty when
 * {@code keyFile} is used (environment {@code PORTICO_SECRETS_KEY})
 * @param keyFile a file holding the current key, such as a mounted Kubernetes Secret;
 * empty when {@code key} is used (environment {@code PORTICO_SECRETS_KEY_FILE})
 * @param previousKeys keys that only decrypt, during a rotation (environment
 * {@code PORTICO_SECRETS_PREVIOUS_KEYS}, comma-separated)
 */
@Validated
@ConfigurationProperties("portico.secrets")
public record SecretsProperties(@DefaultValue("") String key, @DefaultValue("") String keyFile,
		@DefaultValue List<String> previousKeys) {

	public SecretsProperties {
		key = (key != null) ? key : "";
		keyFile = (keyFile != null) ? keyFile : "";
		// An empty PORTICO_SECRETS_PREVIOUS_KEYS (a rotation finished) means none.
		previousKeys = (previousKeys != null)
				? previousKeys.stream().filter((previous) -> previous != null && !previous.isBlank()).toList()
				: List.of();
	}

	// The generated toString would print the keys.
	@Override
	public String toString() {
		return "SecretsProperties[key=" + (this.key.isEmpty() ? "<none>" : "******") + ", keyFile=" + this.keyFile
				+ ", previousKeys=" + this.previousKeys.size() + "]";
	}

}

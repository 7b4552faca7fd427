package io.portico.gateway.sync;

import io.portico.secrets.SecretCipher;
import io.portico.secrets.SecretKeys;
import io.portico.secrets.SecretsProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The keys the gateway decrypts its group's registry secrets with: the admin's
 * {@code portico.secrets.*}. The gateway only reads, so it starts without a key; a
 * connection whose secrets are encrypted is then skipped and reported unreadable. A key
 * that is configured but malformed stops the start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretsProperties.class)
class SecretsConfiguration {

	private static final Log logger = LogFactory.getLog(SecretsConfiguration.class);

	@Bean
	SecretCipher secretCipher(SecretsProperties properties) {
		SecretKeys keys = SecretKeys.from(properties);
		if (keys.hasCurrent()) {
			logger.info("Registry secrets are decrypted with key ids " + keys.ids());
		}
		else {
			logger.info("No secrets key is configured (portico.secrets.key or portico.secrets.key-file): registry"
					+ " connections with encrypted secrets will be skipped as unreadable");
		}
		return new SecretCipher(keys);
	}

}

package io.portico.admin.secret;

import io.portico.secrets.SecretCipher;
import io.portico.secrets.SecretKeys;
import io.portico.secrets.SecretsProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cipher of secrets at rest. The admin writes secrets, so it refuses to start without
 * a key ({@code portico.secrets.key} or {@code portico.secrets.key-file}), whatever the
 * database: the report names the properties to set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretsProperties.class)
class SecretsConfiguration {

	private static final Log logger = LogFactory.getLog(SecretsConfiguration.class);

	@Bean
	SecretCipher secretCipher(SecretsProperties properties) {
		SecretKeys keys = SecretKeys.from(properties).requireCurrent("The admin");
		// Key ids, never keys: they match the ids in stored values and in messages.
		logger.info("Secrets at rest are encrypted under key id " + keys.currentId() + " (known key ids: " + keys.ids()
				+ ")");
		return new SecretCipher(keys);
	}

}

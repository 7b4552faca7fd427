package io.portico.admin.registry;

import io.portico.admin.config.AdminProperties;
import io.portico.registry.DefaultRegistryClientFactory;
import io.portico.registry.RegistryClientFactory;
import io.portico.registry.RegistryClientOptions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The factory of registry clients the admin checks and browses registries with: each
 * ecosystem's own library, with requests bounded by {@code check-timeout}. Tests replace
 * the bean.
 */
@Configuration(proxyBeanMethods = false)
class RegistryClientConfiguration {

	@Bean
	RegistryClientFactory registryClientFactory(AdminProperties properties) {
		RegistryClientOptions defaults = RegistryClientOptions.defaults();
		return new DefaultRegistryClientFactory(new RegistryClientOptions(properties.registries().checkTimeout(),
				defaults.pollInterval(), defaults.blockingWait(), defaults.retryBackoff()));
	}

}

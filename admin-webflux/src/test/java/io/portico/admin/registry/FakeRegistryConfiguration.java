package io.portico.admin.registry;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Replaces the admin's registry client factory with a {@link FakeRegistryClientFactory}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FakeRegistryConfiguration {

	@Bean
	@Primary
	FakeRegistryClientFactory fakeRegistryClientFactory() {
		return new FakeRegistryClientFactory();
	}

}

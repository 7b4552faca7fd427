package io.portico.gateway.discovery;

import io.micrometer.core.instrument.MeterRegistry;
import io.portico.gateway.PorticoGatewayProperties;
import io.portico.registry.DefaultRegistryClientFactory;
import io.portico.registry.RegistryClientFactory;
import io.portico.registry.RegistryClientOptions;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registry clients and the live endpoints of discovery upstreams.
 */
@Configuration(proxyBeanMethods = false)
class DiscoveryConfiguration {

	@Bean
	RegistryClientFactory registryClientFactory() {
		return new DefaultRegistryClientFactory(RegistryClientOptions.defaults());
	}

	@Bean
	DiscoveryEndpoints discoveryEndpoints(RegistryClientFactory factory, ApplicationEventPublisher events,
			MeterRegistry meters, PorticoGatewayProperties properties) {
		return new DiscoveryEndpoints(factory, events, meters, properties.group());
	}

}

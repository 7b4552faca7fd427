package io.portico.gateway.upstream;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the filter that forwards Portico routes to their nodes, and the request URL
 * filter that stands in for Spring Cloud Gateway's (which the gateway's configuration
 * turns off with {@code global-filter.route-to-request-url.enabled: false}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UpstreamProperties.class)
class UpstreamConfiguration {

	@Bean
	PassiveHealth passiveHealth(UpstreamProperties properties) {
		return new PassiveHealth(properties.ejectAfterFailures(), properties.ejection(), Clock.systemUTC());
	}

	@Bean
	UpstreamGlobalFilter upstreamGlobalFilter(UpstreamProperties properties, PassiveHealth health) {
		return new UpstreamGlobalFilter(properties.connectRetries(), health);
	}

	@Bean
	PorticoRouteToRequestUrlFilter porticoRouteToRequestUrlFilter() {
		return new PorticoRouteToRequestUrlFilter();
	}

}

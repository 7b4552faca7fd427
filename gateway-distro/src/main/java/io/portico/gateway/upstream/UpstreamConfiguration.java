package io.portico.gateway.upstream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the filter that forwards Portico routes to their nodes, and the request URL
 * filter that stands in for Spring Cloud Gateway's (which the gateway's configuration
 * turns off with {@code global-filter.route-to-request-url.enabled: false}).
 */
@Configuration(proxyBeanMethods = false)
class UpstreamConfiguration {

	@Bean
	UpstreamGlobalFilter upstreamGlobalFilter() {
		return new UpstreamGlobalFilter();
	}

	@Bean
	PorticoRouteToRequestUrlFilter porticoRouteToRequestUrlFilter() {
		return new PorticoRouteToRequestUrlFilter();
	}

}

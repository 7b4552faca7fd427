package io.portico.gateway.upstream;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the filter that forwards Portico routes to their nodes.
 */
@Configuration(proxyBeanMethods = false)
class UpstreamConfiguration {

	@Bean
	UpstreamGlobalFilter upstreamGlobalFilter() {
		return new UpstreamGlobalFilter();
	}

}

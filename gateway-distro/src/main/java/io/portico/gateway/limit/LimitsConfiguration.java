package io.portico.gateway.limit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request body limit.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLimitsProperties.class)
class LimitsConfiguration {

	@Bean
	BodySizeLimitFilter bodySizeLimitFilter(RequestLimitsProperties properties) {
		return new BodySizeLimitFilter(properties.maxBodySize().toBytes());
	}

}

package io.portico.gateway.limit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request body limit and the slow-client read timeout.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLimitsProperties.class)
class LimitsConfiguration {

	// Reactor Netty's read timeout, the longest pause between reads of a request's
	// content; Spring Boot has no property for it.
	@Bean
	NettyServerCustomizer clientReadTimeout(RequestLimitsProperties properties) {
		return (server) -> server.readTimeout(properties.clientReadTimeout());
	}

	@Bean
	BodySizeLimitFilter bodySizeLimitFilter(RequestLimitsProperties properties) {
		return new BodySizeLimitFilter(properties.maxBodySize().toBytes());
	}

}

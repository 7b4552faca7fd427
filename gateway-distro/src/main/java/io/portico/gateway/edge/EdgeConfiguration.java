package io.portico.gateway.edge;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the path normalisation (unless
 * {@code portico.gateway.edge.path.normalize=false}) and the forwarded headers filter.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EdgeProperties.class)
class EdgeConfiguration {

	@Bean
	@ConditionalOnProperty(name = "portico.gateway.edge.path.normalize", havingValue = "true", matchIfMissing = true)
	PathNormalizingWebFilter pathNormalizingWebFilter(EdgeProperties properties) {
		EdgeProperties.Path path = properties.path();
		PathNormalizer normalizer = new PathNormalizer(path.mergeSlashes(),
				path.escapedSlashes() == EdgeProperties.EscapedSlashes.KEEP);
		return new PathNormalizingWebFilter(normalizer);
	}

	@Bean
	UntrustedForwardedHeadersFilter untrustedForwardedHeadersFilter(EdgeProperties properties) {
		return new UntrustedForwardedHeadersFilter(ProxyAddresses.of(properties.trustedProxies()));
	}

}

package io.portico.admin.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * Registers {@link PathObjectArgumentResolver}; custom resolvers are asked before the
 * catch-all model attribute binding that would otherwise take a record.
 */
@Configuration(proxyBeanMethods = false)
class PathObjectConfiguration implements WebFluxConfigurer {

	@Override
	public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
		configurer.addCustomResolver(new PathObjectArgumentResolver());
	}

}

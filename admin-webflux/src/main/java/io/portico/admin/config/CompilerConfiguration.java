package io.portico.admin.config;

import io.portico.compiler.DefaultRouteCompiler;
import io.portico.compiler.RouteCompiler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The route compiler the admin validates with: the same rules the gateway compiles with.
 */
@Configuration(proxyBeanMethods = false)
class CompilerConfiguration {

	@Bean
	RouteCompiler routeCompiler() {
		return new DefaultRouteCompiler();
	}

}

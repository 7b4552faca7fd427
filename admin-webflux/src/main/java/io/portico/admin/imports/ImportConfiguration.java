package io.portico.admin.imports;

import io.portico.compiler.RouteCompiler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI importer, with the same route rules as every other write.
 */
@Configuration(proxyBeanMethods = false)
class ImportConfiguration {

	@Bean
	OpenApiImporter openApiImporter(RouteCompiler compiler) {
		return new OpenApiImporter(compiler);
	}

}

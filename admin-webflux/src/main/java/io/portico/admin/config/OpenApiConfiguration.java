package io.portico.admin.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The title and description of the admin API's OpenAPI document at {@code /v3/api-docs}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI porticoOpenApi(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		String version = (properties != null) ? properties.getVersion() : "dev";
		return new OpenAPI().info(new Info().title("Portico admin API")
			.version(version)
			.description("Service Hub, published versions and gateway groups, in the shape of API7 Enterprise's"
					+ " admin API (snake_case JSON). Errors are RFC 9457 application/problem+json with"
					+ " `errors: [{field, message}]`.")
			.license(new License().name("Apache-2.0")));
	}

}

package io.portico.admin.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The title, description and security schemes (API token header, bearer, session cookie)
 * of the admin API's OpenAPI document at {@code /v3/api-docs}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String API_KEY = "apiKey";

	private static final String BEARER = "bearer";

	private static final String SESSION = "session";

	@Bean
	OpenAPI porticoOpenApi(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		String version = (properties != null) ? properties.getVersion() : "dev";
		return new OpenAPI()
			.info(new Info().title("Portico admin API")
				.version(version)
				.description("Service Hub, published versions and gateway groups, in the shape of API7 Enterprise's"
						+ " admin API (snake_case JSON). Errors are RFC 9457 application/problem+json with"
						+ " `errors: [{field, message}]`.")
				.license(new License().name("Apache-2.0")))
			.components(new Components()
				.addSecuritySchemes(API_KEY,
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name("X-API-KEY")
							.description("An API token (`pt_…`), as API7 sends it."))
				.addSecuritySchemes(BEARER,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("The same API token as `Authorization: Bearer pt_…`."))
				.addSecuritySchemes(SESSION,
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.COOKIE)
							.name("SESSION")
							.description("A session from POST /api/login; state-changing requests also send its"
									+ " `csrf_token` as `X-CSRF-TOKEN`.")))
			.addSecurityItem(new SecurityRequirement().addList(API_KEY))
			.addSecurityItem(new SecurityRequirement().addList(BEARER))
			.addSecurityItem(new SecurityRequirement().addList(SESSION));
	}

}

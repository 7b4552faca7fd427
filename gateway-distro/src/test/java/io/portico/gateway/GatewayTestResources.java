package io.portico.gateway;

import java.util.Map;

import io.portico.testsupport.PostgresTestSchema;
import io.portico.testsupport.SchemaTestResources;

/**
 * What {@link GatewayHttpTest} does with a test class's static fields: the gateway reads
 * the schema's R2DBC URL with its credentials, and the schema and upstreams are closed
 * after the class.
 */
final class GatewayTestResources extends SchemaTestResources {

	@Override
	protected Map<String, Object> properties(PostgresTestSchema db) {
		return Map.of("spring.r2dbc.url", db.r2dbcUrl(), "spring.r2dbc.username", db.username(),
				"spring.r2dbc.password", db.password());
	}

}

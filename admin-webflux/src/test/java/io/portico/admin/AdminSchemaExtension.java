package io.portico.admin;

import java.util.Map;

import io.portico.testsupport.PostgresTestSchema;
import io.portico.testsupport.SchemaTestResources;

/**
 * What {@link WithAdminSchema} does: points the test context at the schema held in the
 * test class's {@code static PostgresTestSchema} field (the properties of
 * {@link AdminTestDatabase#properties}) and drops that schema after the class.
 */
public final class AdminSchemaExtension extends SchemaTestResources {

	@Override
	protected Map<String, Object> properties(PostgresTestSchema schema) {
		return AdminTestDatabase.properties(schema);
	}

}

package io.portico.admin;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;

import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * What {@link WithAdminSchema} does: points the test context at the schema held in the
 * test class's {@code static PostgresTestSchema} field (the properties of
 * {@link AdminTestDatabase#properties}) and drops that schema after the class.
 * <p>
 * The properties rank like a {@code @DynamicPropertySource}, above the test's inline
 * properties; a {@code @DynamicPropertySource} of the class itself still wins, so a class
 * can adjust one of them.
 */
public final class AdminSchemaExtension implements ContextCustomizerFactory, AfterAllCallback {

	private static final String DYNAMIC_PROPERTIES = "Dynamic Test Properties";

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new SchemaProperties(schemaOf(testClass));
	}

	@Override
	public void afterAll(ExtensionContext context) {
		schemaOf(context.getRequiredTestClass()).close();
	}

	/**
	 * The schema of a test class: the value of its (or its superclass's) static
	 * {@link PostgresTestSchema} field.
	 * @param testClass the test class
	 * @return the schema
	 */
	static PostgresTestSchema schemaOf(Class<?> testClass) {
		for (Class<?> type = testClass; type != null; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers()) && field.getType() == PostgresTestSchema.class) {
					try {
						field.setAccessible(true);
						return (PostgresTestSchema) field.get(null);
					}
					catch (IllegalAccessException ex) {
						throw new IllegalStateException(ex);
					}
				}
			}
		}
		throw new IllegalStateException(
				testClass.getName() + " is annotated with @" + WithAdminSchema.class.getSimpleName()
						+ " but declares no static " + PostgresTestSchema.class.getSimpleName() + " field");
	}

	private record SchemaProperties(PostgresTestSchema schema) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			MutablePropertySources sources = context.getEnvironment().getPropertySources();
			MapPropertySource source = new MapPropertySource("Admin test schema " + this.schema.name(),
					AdminTestDatabase.properties(this.schema));
			if (sources.contains(DYNAMIC_PROPERTIES)) {
				sources.addAfter(DYNAMIC_PROPERTIES, source);
			}
			else {
				sources.addFirst(source);
			}
		}

	}

}

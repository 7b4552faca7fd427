package io.portico.testsupport;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

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
 * Runs a Spring test class against the {@link PostgresTestSchema} in its static field,
 * instead of a {@code @DynamicPropertySource} and an {@code @AfterAll} in every class. A
 * module extends it with the properties that point its application at a schema, and names
 * the subclass both in {@code @ContextCustomizerFactories} and in {@code @ExtendWith},
 * usually on one composed annotation of its tests.
 * <ul>
 * <li>The properties rank like a {@code @DynamicPropertySource}, above the test's inline
 * properties; a {@code @DynamicPropertySource} of the class itself still wins.</li>
 * <li>A {@code @Nested} class runs against the schema of the class that encloses it.</li>
 * <li>After the class, its own static {@link AutoCloseable} fields (the schema, and such
 * as upstream servers) are closed, the last declared first.</li>
 * </ul>
 */
public abstract class SchemaTestResources implements ContextCustomizerFactory, AfterAllCallback {

	private static final String DYNAMIC_PROPERTIES = "Dynamic Test Properties";

	/**
	 * The properties that point the application under test at the schema.
	 * @param schema the schema of the test class
	 * @return the properties by name
	 */
	protected abstract Map<String, Object> properties(PostgresTestSchema schema);

	@Override
	public final ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		PostgresTestSchema schema = schemaOf(testClass);
		return new SchemaProperties(schema.name(), properties(schema));
	}

	@Override
	public final void afterAll(ExtensionContext context) throws Exception {
		List<AutoCloseable> resources = staticFields(context.getRequiredTestClass(), AutoCloseable.class);
		Collections.reverse(resources);
		for (AutoCloseable resource : resources) {
			resource.close();
		}
	}

	/**
	 * The schema of a test class: its static {@link PostgresTestSchema} field, or a
	 * superclass's, or for a {@code @Nested} class the enclosing class's.
	 * @param testClass the test class
	 * @return the schema
	 */
	public static PostgresTestSchema schemaOf(Class<?> testClass) {
		for (Class<?> type = testClass; type != null; type = type.getSuperclass()) {
			List<PostgresTestSchema> schemas = staticFields(type, PostgresTestSchema.class);
			if (!schemas.isEmpty()) {
				return schemas.get(0);
			}
		}
		if (testClass.getEnclosingClass() != null) {
			return schemaOf(testClass.getEnclosingClass());
		}
		throw new IllegalStateException(
				testClass.getName() + " declares no static " + PostgresTestSchema.class.getSimpleName() + " field");
	}

	private static <T> List<T> staticFields(Class<?> type, Class<T> fieldType) {
		List<T> values = new ArrayList<>();
		for (Field field : type.getDeclaredFields()) {
			if (Modifier.isStatic(field.getModifiers()) && fieldType.isAssignableFrom(field.getType())) {
				try {
					field.setAccessible(true);
					values.add(fieldType.cast(field.get(null)));
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return values;
	}

	private record SchemaProperties(String schema, Map<String, Object> properties) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			MutablePropertySources sources = context.getEnvironment().getPropertySources();
			MapPropertySource source = new MapPropertySource("Test schema " + this.schema, this.properties);
			if (sources.contains(DYNAMIC_PROPERTIES)) {
				sources.addAfter(DYNAMIC_PROPERTIES, source);
			}
			else {
				sources.addFirst(source);
			}
		}

	}

}

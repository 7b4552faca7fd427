package io.portico.admin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Runs a Spring test class against the PostgreSQL schema in its
 * {@code static final PostgresTestSchema} field: the context's R2DBC, Flyway and secrets
 * properties point at that schema, and the schema is dropped after the class. Replaces a
 * {@code @DynamicPropertySource} calling {@link AdminTestDatabase#register} plus an
 * {@code @AfterAll} closing the schema.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(AdminSchemaExtension.class)
@ExtendWith(AdminSchemaExtension.class)
public @interface WithAdminSchema {

}

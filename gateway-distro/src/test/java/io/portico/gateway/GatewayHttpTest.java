package io.portico.gateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * The gateway over real HTTP on a random port, reading the PostgreSQL schema in the test
 * class's {@code static PostgresTestSchema} field; after the class, every static
 * {@link AutoCloseable} field (echo upstreams, the schema) is closed, last declared
 * first. See {@link GatewayTestResources}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextCustomizerFactories(GatewayTestResources.class)
@ExtendWith(GatewayTestResources.class)
@interface GatewayHttpTest {

	/**
	 * Extra properties of the test context, as {@link SpringBootTest#properties()}.
	 * @return {@code key=value} pairs
	 */
	@AliasFor(annotation = SpringBootTest.class)
	String[] properties() default {};

}

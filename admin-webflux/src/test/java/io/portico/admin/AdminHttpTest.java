package io.portico.admin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * An admin test over HTTP: the whole application on a random port, a
 * {@code WebTestClient} for it and an {@link AdminApi} bean over that client, and the
 * class's own PostgreSQL schema ({@link WithAdminSchema}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(AdminApi.class)
@WithAdminSchema
public @interface AdminHttpTest {

	/**
	 * Extra properties of the test context, as {@link SpringBootTest#properties()}.
	 * @return {@code key=value} pairs
	 */
	@AliasFor(annotation = SpringBootTest.class)
	String[] properties() default {};

}

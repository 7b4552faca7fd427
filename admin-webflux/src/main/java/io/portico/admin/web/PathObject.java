package io.portico.admin.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record whose components are URI template variables, each named by its
 * {@link org.springframework.web.bind.annotation.BindParam @BindParam}: a handler takes
 * the path variables it repeats on every operation as one value.
 * {@link PathObjectArgumentResolver} binds it from the path only, as
 * {@code @PathVariable} does; {@code @ModelAttribute} binding would let a query parameter
 * or a header of the same name replace a path variable.
 *
 * <p>
 * Example: <pre>
 * &#64;ParameterObject
 * &#64;PathObject
 * public record ServicePath(&#64;Parameter(name = "gg", in = ParameterIn.PATH) &#64;BindParam("gg") String groupId,
 *         ...)
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PathObject {

}

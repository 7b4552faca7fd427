package io.portico.admin.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method as a write to audit. Its audit row is written in the same
 * transaction as its change (the method runs in one); a failure is recorded in a
 * transaction of its own after the change rolled back.
 *
 * <p>
 * Example: <pre>
 * &#64;Audited(action = "publish", resource = "published_service", group = "#request.gatewayGroupId()")
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {

	/**
	 * The action, such as {@code create} or {@code publish}.
	 * @return the action
	 */
	String action();

	/**
	 * The resource type, such as {@code service_template}.
	 * @return the type
	 */
	String resource();

	/**
	 * A SpEL expression over the method's parameters (and {@code #result}, the returned
	 * value, once it succeeded) giving the resource id; empty for none.
	 * @return the expression
	 */
	String id() default "";

	/**
	 * A SpEL expression over the method's parameters giving the gateway group; empty for
	 * the group the access check used, if any.
	 * @return the expression
	 */
	String group() default "";

}

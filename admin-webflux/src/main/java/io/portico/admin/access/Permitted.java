package io.portico.admin.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the permission an endpoint needs; every handler method of the admin carries at
 * least one (or {@link Public}). Enforced by one interceptor before the method's work
 * starts: a refusal is a {@code 403} problem naming the permission and the group, audited
 * on its own, and changes nothing.
 *
 * <p>
 * Example: <pre>
 * &#64;Permitted(value = Permission.GROUP_PUBLISH, group = "#groupId")
 * Mono&lt;Void&gt; unpublish(&#64;PathVariable("gg") String groupId, ...)
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Permitted.List.class)
public @interface Permitted {

	/**
	 * The permission.
	 * @return the permission
	 */
	Permission value();

	/**
	 * For a group permission, a SpEL expression over the method's parameters that gives
	 * the gateway group, such as {@code #groupId} or {@code #request.gatewayGroupId()};
	 * empty means "in at least one group" (the method then shows only the groups the
	 * caller may read).
	 * @return the expression
	 */
	String group() default "";

	/**
	 * Several permissions, all required.
	 */
	@Documented
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.METHOD)
	@interface List {

		/**
		 * The permissions.
		 * @return the permissions
		 */
		Permitted[] value();

	}

}

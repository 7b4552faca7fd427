package io.portico.admin.security;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.portico.admin.access.AccessGroup;
import io.portico.admin.access.Caller;
import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.audit.AuditEvent;
import io.portico.admin.audit.AuditLog;
import io.portico.admin.audit.AuditOutcome;
import io.portico.admin.audit.Audited;
import io.portico.admin.web.ApiException;
import io.portico.admin.web.MethodExpressions;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.http.HttpStatus;

/**
 * Enforces the {@link Permitted} declarations of a handler method before its work starts:
 * finds the caller, evaluates the group expressions over the arguments, and either
 * proceeds (with the caller in the Reactor context) or answers {@code 403} naming the
 * missing permission and group, recorded in the audit log in a transaction of its own.
 */
public class AccessInterceptor implements MethodInterceptor {

	private final Supplier<AccessService> access;

	private final Supplier<AuditLog> audit;

	private final Map<Method, List<Rule>> rules = new ConcurrentHashMap<>();

	/**
	 * Creates the interceptor.
	 * @param access finds the caller (supplied lazily: interceptors are created before
	 * the beans they need)
	 * @param audit records refusals
	 */
	public AccessInterceptor(Supplier<AccessService> access, Supplier<AuditLog> audit) {
		this.access = access;
		this.audit = audit;
	}

	@Override
	public Object invoke(MethodInvocation invocation) {
		Method method = invocation.getMethod();
		List<Rule> methodRules = this.rules.computeIfAbsent(method, AccessInterceptor::rulesOf);
		Mono<Context> allowed = this.access.get()
			.caller()
			.flatMap((caller) -> check(caller, methodRules, invocation).map((group) -> {
				Context context = Context.of(Caller.class, caller);
				return group.map((id) -> context.put(AccessGroup.class, new AccessGroup(id))).orElse(context);
			}));
		Class<?> returnType = method.getReturnType();
		if (Mono.class.isAssignableFrom(returnType)) {
			return allowed.flatMap((context) -> proceed(invocation, Mono.class).contextWrite(context));
		}
		if (Flux.class.isAssignableFrom(returnType)) {
			return allowed.flatMapMany((context) -> proceed(invocation, Flux.class).contextWrite(context));
		}
		throw new IllegalStateException("Handler " + method + " must return Mono or Flux to be access-checked");
	}

	private Mono<Optional<String>> check(Caller caller, List<Rule> methodRules, MethodInvocation invocation) {
		String firstGroup = null;
		for (Rule rule : methodRules) {
			String group = rule.group(invocation);
			if (firstGroup == null) {
				firstGroup = group;
			}
			if (!caller.can(rule.permission(), group)) {
				return refuse(caller, rule.permission(), group, invocation);
			}
		}
		return Mono.just(Optional.ofNullable(firstGroup));
	}

	private Mono<Optional<String>> refuse(Caller caller, Permission permission, String group,
			MethodInvocation invocation) {
		String where = (permission.groupBound())
				? ((group != null) ? " in gateway group '" + group + "'" : " in any gateway group") : "";
		String detail = "Permission '" + permission.value() + "' is required" + where;
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("permission", permission.value());
		properties.put("gateway_group_id", group);
		ApiException refusal = new ApiException(HttpStatus.FORBIDDEN, detail, List.of(), properties);
		Audited audited = AnnotatedElementUtils.findMergedAnnotation(invocation.getMethod(), Audited.class);
		String action = (audited != null) ? audited.action() : "read";
		String resource = (audited != null) ? audited.resource() : "api";
		AuditEvent event = new AuditEvent(action, resource, null, group, AuditOutcome.DENIED, 403, "", detail);
		return this.audit.get()
			.recordAlone(event)
			.contextWrite(Context.of(Caller.class, caller))
			.then(Mono.error(refusal));
	}

	@SuppressWarnings("unchecked")
	private static <P> P proceed(MethodInvocation invocation, Class<P> type) {
		try {
			Object result = invocation.proceed();
			return (P) ((result != null) ? result : (type == Mono.class) ? Mono.empty() : Flux.empty());
		}
		catch (RuntimeException ex) {
			return (P) ((type == Mono.class) ? Mono.error(ex) : Flux.error(ex));
		}
		catch (Throwable ex) {
			return (P) ((type == Mono.class) ? Mono.error(new IllegalStateException(ex))
					: Flux.error(new IllegalStateException(ex)));
		}
	}

	private static List<Rule> rulesOf(Method method) {
		List<Rule> rules = new ArrayList<>();
		for (Permitted permitted : AnnotatedElementUtils.findMergedRepeatableAnnotations(method, Permitted.class)) {
			Expression group = MethodExpressions.parse(permitted.group());
			if (group != null && !permitted.value().groupBound()) {
				throw new IllegalStateException(method + ": " + permitted.value() + " is not bound to a group");
			}
			rules.add(new Rule(permitted.value(), group));
		}
		if (rules.isEmpty()) {
			throw new IllegalStateException(method + " has no @Permitted");
		}
		return List.copyOf(rules);
	}

	private record Rule(Permission permission, Expression group) {

		String group(MethodInvocation invocation) {
			if (this.group == null) {
				return null;
			}
			// A group expression that gives nothing names no group: only a holder in
			// every group passes, never "any group".
			String value = MethodExpressions.evaluate(this.group, invocation, null);
			return (value != null) ? value : "";
		}

	}

}

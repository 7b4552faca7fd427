package io.portico.admin.audit;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.portico.admin.access.AccessGroup;
import io.portico.admin.web.ApiException;
import io.portico.admin.web.MethodExpressions;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Runs an {@link Audited} handler method in one transaction with its audit row: the
 * services it calls join that transaction, so the change and its row commit together or
 * not at all. When the method fails, the rolled-back attempt is recorded as a failure in
 * a transaction of its own.
 */
public class AuditInterceptor implements MethodInterceptor {

	private final Supplier<AuditLog> audit;

	private final Supplier<TransactionalOperator> transactions;

	private final Supplier<JsonMapper> jsonMapper;

	private final Map<Method, Plan> plans = new ConcurrentHashMap<>();

	/**
	 * Creates the interceptor.
	 * @param audit the audit log (all three supplied lazily: interceptors are created
	 * before the beans they need)
	 * @param transactions the transaction of each audited call
	 * @param jsonMapper renders request summaries
	 */
	public AuditInterceptor(Supplier<AuditLog> audit, Supplier<TransactionalOperator> transactions,
			Supplier<JsonMapper> jsonMapper) {
		this.audit = audit;
		this.transactions = transactions;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		Plan plan = this.plans.computeIfAbsent(method, Plan::of);
		if (plan == null || !Mono.class.isAssignableFrom(method.getReturnType())) {
			return invocation.proceed();
		}
		String summary = summary(plan, invocation);
		Mono<Object> call = Mono.defer(() -> proceed(invocation));
		return Mono.deferContextual((context) -> {
			String contextGroup = context.<AccessGroup>getOrEmpty(AccessGroup.class).map(AccessGroup::id).orElse(null);
			String group = (plan.group() != null) ? MethodExpressions.evaluate(plan.group(), invocation, null)
					: contextGroup;
			Mono<Object> audited = call
				.flatMap((result) -> this.audit.get()
					.record(event(plan, invocation, result, group, AuditOutcome.SUCCESS, plan.status(), summary, ""))
					.thenReturn(result))
				.switchIfEmpty(Mono.defer(() -> this.audit.get()
					.record(event(plan, invocation, null, group, AuditOutcome.SUCCESS, plan.status(), summary, ""))
					.then(Mono.empty())))
				.as(this.transactions.get()::transactional);
			return audited.onErrorResume((ex) -> this.audit.get()
				.recordAlone(event(plan, invocation, null, group, AuditOutcome.FAILURE, status(ex), summary,
						(ex instanceof ApiException) ? ex.getMessage() : ex.getClass().getSimpleName()))
				.onErrorResume((auditFailure) -> Mono.empty())
				.then(Mono.error(ex)));
		});
	}

	private AuditEvent event(Plan plan, MethodInvocation invocation, Object result, String group, AuditOutcome outcome,
			int status, String summary, String detail) {
		String id = null;
		if (plan.id() != null) {
			try {
				id = MethodExpressions.evaluate(plan.id(), invocation, result);
			}
			catch (RuntimeException ex) {
				// The id comes from the result, which a failure does not have.
				id = null;
			}
		}
		return new AuditEvent(plan.audited().action(), plan.audited().resource(), id, group, outcome, status, summary,
				detail);
	}

	private String summary(Plan plan, MethodInvocation invocation) {
		if (plan.bodyIndex() < 0) {
			return "";
		}
		return AuditSummary.of(this.jsonMapper.get(), invocation.getArguments()[plan.bodyIndex()]);
	}

	private static int status(Throwable ex) {
		if (ex instanceof ApiException api) {
			return api.getStatus().value();
		}
		if (ex instanceof ErrorResponse response) {
			return response.getStatusCode().value();
		}
		return HttpStatus.INTERNAL_SERVER_ERROR.value();
	}

	@SuppressWarnings("unchecked")
	private static Mono<Object> proceed(MethodInvocation invocation) {
		try {
			Object result = invocation.proceed();
			return (result != null) ? (Mono<Object>) result : Mono.empty();
		}
		catch (Throwable ex) {
			return Mono.error(ex);
		}
	}

	private record Plan(Audited audited, Expression id, Expression group, int bodyIndex, int status) {

		static Plan of(Method method) {
			Audited audited = AnnotatedElementUtils.findMergedAnnotation(method, Audited.class);
			if (audited == null) {
				return null;
			}
			int body = -1;
			Annotation[][] annotations = method.getParameterAnnotations();
			for (int i = 0; i < annotations.length; i++) {
				for (Annotation annotation : annotations[i]) {
					if (annotation instanceof RequestBody) {
						body = i;
					}
				}
			}
			ResponseStatus responseStatus = AnnotatedElementUtils.findMergedAnnotation(method, ResponseStatus.class);
			int status = (responseStatus != null) ? responseStatus.code().value() : HttpStatus.OK.value();
			return new Plan(audited, MethodExpressions.parse(audited.id()), MethodExpressions.parse(audited.group()),
					body, status);
		}

	}

}

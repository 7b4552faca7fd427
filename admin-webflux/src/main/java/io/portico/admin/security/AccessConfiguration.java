package io.portico.admin.security;

import io.portico.admin.access.Permitted;
import io.portico.admin.audit.AuditInterceptor;
import io.portico.admin.audit.AuditLog;
import io.portico.admin.audit.Audited;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.function.SingletonSupplier;

/**
 * Puts the access check, then the audit, around every handler method that declares
 * {@link Permitted} or {@link Audited}: the access check runs first, so a refusal never
 * opens the audited transaction.
 */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor accessAdvisor(ObjectProvider<AccessService> access, ObjectProvider<AuditLog> audit) {
		ComposablePointcut pointcut = new ComposablePointcut(
				AnnotationMatchingPointcut.forMethodAnnotation(Permitted.class))
			.union(AnnotationMatchingPointcut.forMethodAnnotation(Permitted.List.class));
		AccessInterceptor interceptor = new AccessInterceptor(SingletonSupplier.of(access::getObject),
				SingletonSupplier.of(audit::getObject));
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(pointcut, interceptor);
		advisor.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
		return advisor;
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor auditAdvisor(ObjectProvider<AuditLog> audit,
			ObjectProvider<ReactiveTransactionManager> transactionManager, ObjectProvider<JsonMapper> jsonMapper) {
		AuditInterceptor interceptor = new AuditInterceptor(SingletonSupplier.of(audit::getObject),
				SingletonSupplier.of(() -> TransactionalOperator.create(transactionManager.getObject())),
				SingletonSupplier.of(jsonMapper::getObject));
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
				AnnotationMatchingPointcut.forMethodAnnotation(Audited.class), interceptor);
		advisor.setOrder(Ordered.HIGHEST_PRECEDENCE + 200);
		return advisor;
	}

}

package io.portico.admin.store;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.r2dbc.mapping.R2dbcMappingContext;

/**
 * Spring Data's table and column names, unquoted as in the admin's hand-written SQL: the
 * database folds them (H2 to upper case, PostgreSQL to lower case), so
 * {@code @Table("service_template")} names the same table on both.
 */
@Configuration(proxyBeanMethods = false)
class EntityMappingConfiguration {

	@Bean
	static BeanPostProcessor unquotedEntityNames() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof R2dbcMappingContext context) {
					context.setForceQuote(false);
				}
				return bean;
			}

		};
	}

}

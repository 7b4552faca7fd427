package io.portico.gateway.route;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.accept.ApiVersionStrategy;

/**
 * Registers the route table as a gateway route source, and the indexed route lookup in
 * place of Spring Cloud Gateway's linear one (its auto-configured mapping backs off).
 */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

	@Bean
	PorticoRouteLocator porticoRouteLocator(ApplicationEventPublisher events) {
		return new PorticoRouteLocator(events);
	}

	@Bean
	PorticoRoutePredicateHandlerMapping routePredicateHandlerMapping(FilteringWebHandler webHandler,
			RouteLocator routeLocator, PorticoRouteLocator porticoRouteLocator,
			GlobalCorsProperties globalCorsProperties, Environment environment,
			ObjectProvider<ApiVersionStrategy> apiVersionStrategy) {
		PorticoRoutePredicateHandlerMapping mapping = new PorticoRoutePredicateHandlerMapping(webHandler, routeLocator,
				porticoRouteLocator, globalCorsProperties, environment);
		apiVersionStrategy.ifAvailable(mapping::setApiVersionStrategy);
		return mapping;
	}

	@Bean
	RouteTableFactory routeTableFactory() {
		return new RouteTableFactory();
	}

}

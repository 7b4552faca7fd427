package io.portico.gateway.route;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the route table as a gateway route source.
 */
@Configuration(proxyBeanMethods = false)
class RouteConfiguration {

	@Bean
	PorticoRouteLocator porticoRouteLocator(ApplicationEventPublisher events) {
		return new PorticoRouteLocator(events);
	}

	@Bean
	RouteTableFactory routeTableFactory() {
		return new RouteTableFactory();
	}

}

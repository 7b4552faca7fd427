package io.portico.gateway.instance;

import io.portico.gateway.PorticoGatewayProperties;
import io.portico.gateway.discovery.DiscoveryEndpoints;
import io.portico.gateway.snapshot.SnapshotProperties;
import io.portico.gateway.sync.ConfigReloader;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * This instance's heartbeat and readiness.
 */
@Configuration(proxyBeanMethods = false)
class InstanceConfiguration {

	@Bean
	GatewayInstanceRepository gatewayInstanceRepository(ConnectionFactory connectionFactory) {
		return new GatewayInstanceRepository(DatabaseClient.create(connectionFactory));
	}

	@Bean
	HeartbeatReporter heartbeatReporter(GatewayInstanceRepository repository, PorticoGatewayProperties properties,
			DiscoveryEndpoints discovery) {
		return new HeartbeatReporter(repository, properties, discovery);
	}

	@Bean
	ConfigHealthIndicator configHealthIndicator(ConfigReloader reloader, SnapshotProperties snapshot) {
		return new ConfigHealthIndicator(reloader, snapshot.readyWhenStale());
	}

	@Bean
	ShutdownDrain shutdownDrain(ApplicationEventPublisher events, PorticoGatewayProperties properties) {
		return new ShutdownDrain(events, properties.shutdownDrain());
	}

	@Bean
	RouteTableAvailability applicationAvailability(ApplicationEventPublisher events) {
		return new RouteTableAvailability(events);
	}

}

package io.portico.gateway.sync;

import io.micrometer.core.instrument.MeterRegistry;
import io.portico.compiler.DefaultRouteCompiler;
import io.portico.gateway.PorticoGatewayProperties;
import io.portico.gateway.discovery.DiscoveryEndpoints;
import io.portico.gateway.load.PublishedConfigRepository;
import io.portico.gateway.load.PublishedServiceCompiler;
import io.portico.gateway.route.PorticoRouteLocator;
import io.portico.gateway.route.RouteTableFactory;
import io.portico.gateway.snapshot.LocalSnapshots;
import io.portico.secrets.SecretCipher;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Loading and reloading the group's configuration: reads, compiles, watches for changes.
 */
@Configuration(proxyBeanMethods = false)
class SyncConfiguration {

	@Bean
	PublishedConfigRepository publishedConfigRepository(ConnectionFactory connectionFactory) {
		return new PublishedConfigRepository(DatabaseClient.create(connectionFactory));
	}

	@Bean
	PublishedServiceCompiler publishedServiceCompiler(SecretCipher secretCipher) {
		return new PublishedServiceCompiler(new DefaultRouteCompiler(), secretCipher);
	}

	@Bean
	ConfigReloader configReloader(PorticoGatewayProperties properties, PublishedConfigRepository repository,
			PublishedServiceCompiler compiler, RouteTableFactory tableFactory, DiscoveryEndpoints discovery,
			PorticoRouteLocator locator, ApplicationEventPublisher events, MeterRegistry meters,
			LocalSnapshots snapshots) {
		return new ConfigReloader(new ConfigSource(properties.group(), repository, compiler, snapshots), tableFactory,
				discovery, locator, events, meters);
	}

	@Bean
	RevisionPoller revisionPoller(ConfigReloader reloader, PorticoGatewayProperties properties) {
		return new RevisionPoller(reloader, properties.pollInterval());
	}

	@Bean
	PostgresNotificationListener postgresNotificationListener(ConnectionFactory connectionFactory,
			PorticoGatewayProperties properties, ConfigReloader reloader) {
		return new PostgresNotificationListener(connectionFactory, properties.notifyChannel(), properties.group(),
				reloader);
	}

}

package io.portico.gateway.snapshot;

import java.time.Clock;

import io.portico.gateway.PorticoGatewayProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The local configuration snapshot of the gateway's group.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SnapshotProperties.class)
class SnapshotConfiguration {

	@Bean
	LocalSnapshots localSnapshots(SnapshotProperties properties, PorticoGatewayProperties gateway,
			Environment environment) {
		if (!properties.enabled()) {
			return LocalSnapshots.disabled();
		}
		return new LocalSnapshots(new SnapshotStore(properties.directory(), gateway.group()),
				environment.getProperty("spring.r2dbc.url", ""), properties.startupWait(), Clock.systemUTC());
	}

}

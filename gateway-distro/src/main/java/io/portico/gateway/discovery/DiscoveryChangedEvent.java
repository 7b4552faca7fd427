package io.portico.gateway.discovery;

import org.springframework.context.ApplicationEvent;

/**
 * Published when what the heartbeat reports about discovery changes: an endpoint count,
 * or a service turning stale or recovering.
 */
public class DiscoveryChangedEvent extends ApplicationEvent {

	public DiscoveryChangedEvent(Object source) {
		super(source);
	}

}

package io.portico.gateway.sync;

import org.springframework.context.ApplicationEvent;

/**
 * Published after every reload attempt, applied or failed, with what is now served.
 */
public class ConfigAppliedEvent extends ApplicationEvent {

	private final AppliedConfig config;

	public ConfigAppliedEvent(Object source, AppliedConfig config) {
		super(source);
		this.config = config;
	}

	/**
	 * What is served now.
	 * @return the applied configuration
	 */
	public AppliedConfig getConfig() {
		return this.config;
	}

}

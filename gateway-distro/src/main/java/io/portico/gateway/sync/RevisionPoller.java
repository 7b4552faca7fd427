package io.portico.gateway.sync;

import java.time.Duration;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Asks for a reload every poll interval; the reload compares the group's config revision
 * and only loads when it changed. Catches changes whose notification was lost, and works
 * where there are no notifications (H2, a read replica).
 */
public class RevisionPoller extends SubscriptionLifecycle {

	private final ConfigReloader reloader;

	private final Duration interval;

	public RevisionPoller(ConfigReloader reloader, Duration interval) {
		this.reloader = reloader;
		this.interval = interval;
	}

	@Override
	protected Disposable subscribe() {
		// The first tick is immediate: it is the initial load.
		return Flux.interval(Duration.ZERO, this.interval)
			.onBackpressureDrop()
			.subscribe((tick) -> this.reloader.requestReload());
	}

}

package io.portico.gateway.sync;

import java.time.Duration;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.context.SmartLifecycle;

/**
 * Asks for a reload every poll interval; the reload compares the group's config revision
 * and only loads when it changed. Catches changes whose notification was lost, and works
 * where there are no notifications (H2, a read replica).
 */
public class RevisionPoller implements SmartLifecycle {

	private final ConfigReloader reloader;

	private final Duration interval;

	private volatile Disposable subscription;

	/**
	 * Creates the poller.
	 * @param reloader the reloader
	 * @param interval the poll interval
	 */
	public RevisionPoller(ConfigReloader reloader, Duration interval) {
		this.reloader = reloader;
		this.interval = interval;
	}

	@Override
	public void start() {
		// The first tick is immediate: it is the initial load.
		this.subscription = Flux.interval(Duration.ZERO, this.interval)
			.onBackpressureDrop()
			.subscribe((tick) -> this.reloader.requestReload());
	}

	@Override
	public void stop() {
		Disposable current = this.subscription;
		if (current != null) {
			current.dispose();
		}
		this.subscription = null;
	}

	@Override
	public boolean isRunning() {
		return this.subscription != null;
	}

}

package io.portico.gateway.sync;

import reactor.core.Disposable;

import org.springframework.context.SmartLifecycle;

/**
 * A {@link SmartLifecycle} that runs while one Reactor subscription is open: starting
 * subscribes, stopping disposes of the subscription. The gateway's background work
 * (revision polling, {@code LISTEN}, heartbeats) is written as one subscription each.
 */
public abstract class SubscriptionLifecycle implements SmartLifecycle {

	private volatile Disposable subscription;

	/**
	 * Opens the subscription.
	 * @return the subscription, or {@code null} when there is nothing to run
	 */
	protected abstract Disposable subscribe();

	@Override
	public void start() {
		this.subscription = subscribe();
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

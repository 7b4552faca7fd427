package io.portico.gateway.instance;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * On shutdown (SIGTERM), first takes readiness DOWN and keeps serving for the drain
 * period, so that load balancers following readiness stop sending before the server stops
 * accepting; then Spring Boot's graceful shutdown lets in-flight requests finish. In
 * Kubernetes a {@code preStop} sleep does the same before the signal; this is for load
 * balancers that only follow readiness. Stops before every other lifecycle (the highest
 * phase stops first).
 */
public class ShutdownDrain implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ShutdownDrain.class);

	private final ApplicationEventPublisher events;

	private final Duration drain;

	private volatile boolean running;

	public ShutdownDrain(ApplicationEventPublisher events, Duration drain) {
		this.events = events;
		this.drain = drain;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
		if (this.drain.isZero() || this.drain.isNegative()) {
			return;
		}
		logger.info("Shutting down: readiness is DOWN; serving " + this.drain.toMillis()
				+ " ms more while load balancers stop sending");
		try {
			// The shutdown thread, not an event loop: waiting here is the point.
			Thread.sleep(this.drain.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}

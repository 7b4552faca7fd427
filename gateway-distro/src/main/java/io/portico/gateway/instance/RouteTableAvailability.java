package io.portico.gateway.instance;

import io.portico.gateway.sync.ConfigAppliedEvent;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;

/**
 * The application's availability, with readiness held at
 * {@link ReadinessState#REFUSING_TRAFFIC} until the first route table is loaded: a
 * gateway without routes would answer 404 to everything.
 *
 * <p>
 * Replaces Boot's {@link ApplicationAvailabilityBean}, since Boot declares the
 * application ready once started, whatever the route table.
 */
public class RouteTableAvailability extends ApplicationAvailabilityBean {

	private final ApplicationEventPublisher events;

	private volatile boolean routesLoaded;

	public RouteTableAvailability(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Override
	public <S extends AvailabilityState> S getState(Class<S> stateType, S defaultState) {
		if (stateType == ReadinessState.class && !this.routesLoaded) {
			return stateType.cast(ReadinessState.REFUSING_TRAFFIC);
		}
		return super.getState(stateType, defaultState);
	}

	@Override
	public <S extends AvailabilityState> S getState(Class<S> stateType) {
		if (stateType == ReadinessState.class && !this.routesLoaded) {
			return stateType.cast(ReadinessState.REFUSING_TRAFFIC);
		}
		return super.getState(stateType);
	}

	/**
	 * Opens readiness after the first route table.
	 * @param event the reload outcome
	 */
	@EventListener
	public void onConfigApplied(ConfigAppliedEvent event) {
		if (event.getConfig().loaded() && !this.routesLoaded) {
			this.routesLoaded = true;
			AvailabilityChangeEvent.publish(this.events, this, ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	/**
	 * Whether the first route table is loaded.
	 * @return whether routes are loaded
	 */
	public boolean routesLoaded() {
		return this.routesLoaded;
	}

}

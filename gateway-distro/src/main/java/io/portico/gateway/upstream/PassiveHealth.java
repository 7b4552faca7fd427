package io.portico.gateway.upstream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.portico.compiler.model.Node;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Passive health of upstream nodes, learnt from real traffic as Envoy's outlier detection
 * and APISIX's passive checks do: a node whose connections fail a number of times in a
 * row is ejected for a period (no traffic); after it, one request probes it again — a
 * failure ejects it at once, a success readmits it. When every node of a service is
 * ejected the gateway still tries them (fail open), as APISIX does.
 *
 * <p>
 * Keyed by service and node; thread-safe; one per gateway.
 */
public class PassiveHealth {

	private static final Log logger = LogFactory.getLog(PassiveHealth.class);

	private final int consecutiveFailures;

	private final Duration ejection;

	private final Clock clock;

	private final Map<String, State> states = new ConcurrentHashMap<>();

	/**
	 * Creates the tracker.
	 * @param consecutiveFailures connection failures in a row that eject a node; 0 turns
	 * passive checks off
	 * @param ejection how long an ejected node gets no traffic
	 * @param clock the clock
	 */
	public PassiveHealth(int consecutiveFailures, Duration ejection, Clock clock) {
		this.consecutiveFailures = consecutiveFailures;
		this.ejection = ejection;
		this.clock = clock;
	}

	/**
	 * Whether a node gets no traffic now.
	 * @param serviceId the service
	 * @param node the node
	 * @return {@code true} while ejected
	 */
	public boolean isEjected(String serviceId, Node node) {
		State state = this.states.get(key(serviceId, node));
		return state != null && state.ejectedUntil() != null && this.clock.instant().isBefore(state.ejectedUntil());
	}

	/**
	 * Records a request the node answered.
	 * @param serviceId the service
	 * @param node the node
	 */
	public void succeeded(String serviceId, Node node) {
		if (this.consecutiveFailures <= 0) {
			return;
		}
		State removed = this.states.remove(key(serviceId, node));
		if (removed != null && removed.ejectedUntil() != null) {
			logger.info("Upstream node " + node.host() + ":" + node.port() + " of service '" + serviceId
					+ "' answered again: back in rotation");
		}
	}

	/**
	 * Records a connection to the node that failed.
	 * @param serviceId the service
	 * @param node the node
	 */
	public void failed(String serviceId, Node node) {
		if (this.consecutiveFailures <= 0) {
			return;
		}
		Instant now = this.clock.instant();
		State state = this.states.compute(key(serviceId, node), (key, current) -> {
			int failures = ((current != null) ? current.failures() : 0) + 1;
			// A probe after an ejection that fails ejects again at once.
			boolean probeFailed = current != null && current.ejectedUntil() != null;
			boolean eject = probeFailed || failures >= this.consecutiveFailures;
			return new State(failures, eject ? now.plus(this.ejection) : null);
		});
		if (state.ejectedUntil() != null) {
			logger.warn("Upstream node " + node.host() + ":" + node.port() + " of service '" + serviceId
					+ "' ejected for " + this.ejection.toMillis() + " ms after " + state.failures()
					+ " failed connections in a row");
		}
	}

	/**
	 * The nodes ejected now, for reports: {@code service host:port} to the end of the
	 * ejection.
	 * @return the ejected nodes
	 */
	public Map<String, Instant> ejected() {
		Instant now = this.clock.instant();
		Map<String, Instant> ejected = new LinkedHashMap<>();
		this.states.forEach((key, state) -> {
			if (state.ejectedUntil() != null && now.isBefore(state.ejectedUntil())) {
				ejected.put(key, state.ejectedUntil());
			}
		});
		return ejected;
	}

	private static String key(String serviceId, Node node) {
		return serviceId + " " + node.host() + ":" + node.port();
	}

	private record State(int failures, Instant ejectedUntil) {

	}

}

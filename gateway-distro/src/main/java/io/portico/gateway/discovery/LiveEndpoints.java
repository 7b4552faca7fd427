package io.portico.gateway.discovery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.portico.compiler.model.Node;
import io.portico.gateway.upstream.SmoothWeightedRoundRobin;
import io.portico.gateway.upstream.UpstreamBalancer;
import io.portico.registry.Endpoint;
import io.portico.registry.EndpointsUpdate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The live endpoints of one watched service, and the balancer over them that every route
 * of the services using it reads on each request: an update reaches routing at once,
 * without rebuilding the route table.
 *
 * <p>
 * A {@link EndpointsUpdate.Failure} never empties the list: the last endpoints keep
 * serving and are marked stale until the next {@link EndpointsUpdate.Endpoints}. The
 * balancer (smooth weighted round robin over the registry's weights) is rebuilt only when
 * the endpoint list changes. Thread-safe: requests read one immutable state, updates
 * replace it.
 */
public final class LiveEndpoints implements UpstreamBalancer {

	private static final Log logger = LogFactory.getLog(LiveEndpoints.class);

	private final DiscoveryKey key;

	private volatile State state;

	/**
	 * Creates the endpoints of a watch, before its first update.
	 * @param key the watched service
	 * @param previous the endpoints of the same service under the client being replaced,
	 * served until the new client reports; or {@code null}
	 */
	LiveEndpoints(DiscoveryKey key, LiveEndpoints previous) {
		this.key = key;
		this.state = (previous != null) ? previous.state : State.EMPTY;
	}

	@Override
	public Node next() {
		return this.state.balancer.next();
	}

	@Override
	public String unavailableReason() {
		State current = this.state;
		if (!current.known) {
			return "no endpoint of " + this.key.describe() + " is known yet"
					+ ((current.lastError != null) ? " (" + current.lastError + ")" : "");
		}
		return "the registry announces no endpoint of " + this.key.describe()
				+ (current.endpoints.isEmpty() ? "" : " with a weight above 0");
	}

	/**
	 * The watched service.
	 * @return the key
	 */
	public DiscoveryKey key() {
		return this.key;
	}

	/**
	 * The endpoints served now.
	 * @return the last endpoints received, in the registry's order
	 */
	public List<Endpoint> endpoints() {
		return this.state.endpoints;
	}

	/**
	 * Whether the registry failed since the endpoints were last received.
	 * @return whether stale
	 */
	public boolean stale() {
		return this.state.stale;
	}

	/**
	 * What the heartbeat reports.
	 * @return the status
	 */
	public DiscoveryStatus status() {
		State current = this.state;
		return new DiscoveryStatus(this.key, current.endpoints.size(), current.stale, current.lastError,
				current.updatedAt);
	}

	/**
	 * Applies an update of the watch.
	 * @param update the update; a failure's message must already be free of secrets
	 * @param now the time of the update
	 * @return whether what the heartbeat reports changed (endpoint count, stale flag,
	 * error)
	 */
	synchronized boolean apply(EndpointsUpdate update, Instant now) {
		State before = this.state;
		State after;
		if (update instanceof EndpointsUpdate.Endpoints endpoints) {
			List<Endpoint> list = endpoints.endpoints();
			SmoothWeightedRoundRobin balancer = list.equals(before.endpoints) ? before.balancer
					: new SmoothWeightedRoundRobin(nodes(list));
			after = new State(list, balancer, true, false, null, now);
			if (before.stale) {
				logger.info(
						"Endpoints of " + this.key.describe() + " are current again: " + list.size() + " endpoint(s)");
			}
		}
		else {
			String message = ((EndpointsUpdate.Failure) update).message();
			after = new State(before.endpoints, before.balancer, before.known, true, message, before.updatedAt);
			if (!before.stale) {
				logger.warn("Endpoints of " + this.key.describe() + " are stale, keeping the " + before.endpoints.size()
						+ " last known endpoint(s): " + message);
			}
		}
		this.state = after;
		return before.endpoints.size() != after.endpoints.size() || before.stale != after.stale
				|| !Objects.equals(before.lastError, after.lastError) || before.known != after.known;
	}

	private static List<Node> nodes(List<Endpoint> endpoints) {
		List<Node> nodes = new ArrayList<>(endpoints.size());
		for (Endpoint endpoint : endpoints) {
			nodes.add(new Node(endpoint.host(), endpoint.port(), endpoint.weight()));
		}
		return nodes;
	}

	private record State(List<Endpoint> endpoints, SmoothWeightedRoundRobin balancer, boolean known, boolean stale,
			String lastError, Instant updatedAt) {

		static final State EMPTY = new State(List.of(), new SmoothWeightedRoundRobin(List.of()), false, false, null,
				null);

	}

}

package io.portico.registry;

import java.util.List;

/**
 * What a watch reports: the complete current endpoint list, or a failure to learn it.
 *
 * <p>
 * A failure never comes with an empty list: the gateway keeps the last endpoints it knew
 * and marks them stale. An empty {@link Endpoints} means the registry really announces no
 * endpoint.
 */
public sealed interface EndpointsUpdate permits EndpointsUpdate.Endpoints, EndpointsUpdate.Failure {

	/**
	 * The complete current list.
	 *
	 * @param endpoints the endpoints, in a stable order
	 */
	record Endpoints(List<Endpoint> endpoints) implements EndpointsUpdate {

		public Endpoints {
			endpoints = List.copyOf(endpoints);
		}

	}

	/**
	 * The registry could not be read; the watch keeps retrying.
	 *
	 * @param message what went wrong, without secrets
	 */
	record Failure(String message) implements EndpointsUpdate {
	}

}

package io.portico.compiler.model;

import java.util.List;

/**
 * A published version of a service in one gateway group, with the group's runtime
 * configuration for it.
 *
 * @param gatewayGroupId the gateway group it is published in
 * @param serviceId the service (template) id
 * @param serviceName the service name, for logs and metrics
 * @param version the published version string (semver)
 * @param upstreamScheme {@code http} or {@code https}
 * @param routes the routes of the version, in their stored order
 * @param runtime the upstream and other runtime settings of this service in this group
 */
public record PublishedService(String gatewayGroupId, String serviceId, String serviceName, String version,
		String upstreamScheme, List<RouteSpec> routes, RuntimeConfig runtime) {

	public PublishedService {
		routes = (routes != null) ? List.copyOf(routes) : List.of();
	}

}

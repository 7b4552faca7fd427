package io.portico.compiler.model;

import java.util.List;

/**
 * The result of compiling one published service: its routes and the upstream they share.
 *
 * @param gatewayGroupId the gateway group
 * @param serviceId the service id
 * @param serviceName the service name
 * @param version the published version
 * @param upstream the shared upstream of all routes
 * @param routes one route per (template route, path), in precedence order
 */
public record CompiledService(String gatewayGroupId, String serviceId, String serviceName, String version,
		UpstreamTarget upstream, List<CompiledRoute> routes) {

	public CompiledService {
		routes = List.copyOf(routes);
	}

}

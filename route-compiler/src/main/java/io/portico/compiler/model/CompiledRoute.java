package io.portico.compiler.model;

import java.time.Duration;
import java.util.List;

/**
 * One gateway route: one path of one template route, with everything the gateway needs to
 * serve it.
 *
 * @param id stable id: {@code <serviceId>/<routeId>/<pathIndex>}
 * @param serviceId the service id
 * @param routeId the template route id
 * @param routeName the template route name
 * @param path how the request path matches
 * @param methods upper-case methods, sorted; empty matches every method
 * @param hosts lower-case hosts ({@code *.example.com} allowed), sorted; empty matches
 * every host
 * @param stripPrefix the path prefix removed before forwarding; empty for none
 * @param passHost which {@code Host} the upstream receives
 * @param upstreamHost the {@code Host} for {@link PassHost#REWRITE}, else {@code null}
 * @param connectTimeout connect timeout, never infinite
 * @param readTimeout response timeout, never infinite
 */
public record CompiledRoute(String id, String serviceId, String routeId, String routeName, PathMatch path,
		List<String> methods, List<String> hosts, String stripPrefix, PassHost passHost, String upstreamHost,
		Duration connectTimeout, Duration readTimeout) {

	public CompiledRoute {
		methods = List.copyOf(methods);
		hosts = List.copyOf(hosts);
	}

}

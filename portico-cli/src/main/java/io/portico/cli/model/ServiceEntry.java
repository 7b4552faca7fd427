package io.portico.cli.model;

import java.util.List;
import java.util.Map;

/**
 * One service of a declarative file: a Service Hub template, and where it has an
 * upstream, its published state in the gateway group.
 *
 * @param name the service name, unique in the file
 * @param description free text, or {@code null}
 * @param labels free key/value labels (empty when absent)
 * @param hosts the request hosts the service answers (empty for any host)
 * @param pathPrefix a prefix put before every route path, or {@code null}
 * @param stripPathPrefix {@code true} or {@code null}: Portico always strips the prefix
 * @param routes the routes
 * @param upstream where requests go, or {@code null} for a template that is not published
 * @param version the version to publish (Portico's own field), or {@code null}
 * @param type the service type ({@code http}), or {@code null}
 * @param upstreamScheme {@code http} or {@code https} (Portico's own field), or
 * {@code null}
 */
public record ServiceEntry(String name, String description, Map<String, String> labels, List<String> hosts,
		String pathPrefix, Boolean stripPathPrefix, List<RouteEntry> routes, UpstreamEntry upstream, String version,
		String type, String upstreamScheme) {

	public ServiceEntry {
		labels = (labels != null) ? Map.copyOf(labels) : Map.of();
		hosts = (hosts != null) ? List.copyOf(hosts) : List.of();
		routes = (routes != null) ? List.copyOf(routes) : List.of();
	}

}

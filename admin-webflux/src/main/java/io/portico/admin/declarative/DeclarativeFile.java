package io.portico.admin.declarative;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A declarative file as read: ADC's field names (route paths are {@code uris}; the admin
 * API's {@code paths} is accepted as an alias), plus Portico's {@code version},
 * {@code type} and {@code upstream_scheme}.
 *
 * @param services the services, in file order
 */
public record DeclarativeFile(List<Service> services) {

	/**
	 * One service: a Service Hub template, its routes, and its runtime configuration and
	 * version in the gateway group.
	 *
	 * @param name the service (template) name, unique in the file
	 * @param description free text, or {@code null}
	 * @param labels labels, matched by the label selector
	 * @param hosts request hosts, or {@code null}
	 * @param pathPrefix prefix before every route path, or {@code null}
	 * @param routes the routes, by name
	 * @param upstream nodes or discovery
	 * @param version the version to serve, or {@code null} for the next patch when the
	 * content changes
	 * @param type {@code http}, or {@code null}
	 * @param upstreamScheme {@code http} or {@code https}, or {@code null}
	 */
	public record Service(String name, String description, Map<String, String> labels, List<String> hosts,
			String pathPrefix, List<Route> routes, Upstream upstream, String version, String type,
			String upstreamScheme) {

	}

	/**
	 * One route.
	 *
	 * @param name the name, unique in the service
	 * @param paths the paths ({@code uris} in the file)
	 * @param pathsField the file's name for them, {@code uris} or {@code paths}
	 * @param methods the methods, empty for all
	 * @param description free text, or {@code null}
	 * @param labels labels
	 */
	public record Route(String name, List<String> paths, String pathsField, List<String> methods, String description,
			Map<String, String> labels) {

	}

	/**
	 * The upstream: nodes, or a discovery reference.
	 *
	 * @param scheme {@code http} or {@code https}, or {@code null}
	 * @param nodes fixed nodes, or {@code null}
	 * @param discoveryType {@code kubernetes}, {@code consul}, {@code eureka} or
	 * {@code nacos}, or {@code null}
	 * @param serviceName the service in the registry, or {@code null}
	 * @param discoveryArgs such as {@code namespace} and {@code registry}
	 * @param connect connect timeout in seconds, or {@code null}
	 * @param read read timeout in seconds (ADC's {@code send} is ignored only when
	 * equal), or {@code null}
	 * @param passHost {@code pass}, {@code node} or {@code rewrite}, or {@code null}
	 * @param upstreamHost the host sent with {@code rewrite}, or {@code null}
	 */
	public record Upstream(String scheme, List<Node> nodes, String discoveryType, String serviceName,
			Map<String, String> discoveryArgs, BigDecimal connect, BigDecimal read, String passHost,
			String upstreamHost) {

	}

	/**
	 * One upstream node.
	 *
	 * @param host host name or address
	 * @param port the port
	 * @param weight the weight, default 100
	 */
	public record Node(String host, Integer port, Integer weight) {

	}

}

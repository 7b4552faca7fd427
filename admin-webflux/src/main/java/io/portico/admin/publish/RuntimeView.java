package io.portico.admin.publish;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.RuntimeConfig;
import io.portico.compiler.model.Timeouts;
import io.portico.compiler.model.Upstream;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The runtime configuration of a published service in the API's JSON shape.
 *
 * @param upstream nodes or discovery
 * @param hosts request hosts; empty for any
 * @param pathPrefix prefix before every route path
 * @param passHost {@code pass}, {@code node} or {@code rewrite}
 * @param upstreamHost host sent with {@code rewrite}
 * @param timeout effective timeouts in seconds
 */
@Schema(description = "Runtime configuration of a published service in a group: everything outside the version.")
public record RuntimeView(@Schema(description = "Where requests go.") UpstreamView upstream,
		@Schema(description = "Request hosts the service answers; empty for any.",
				example = "[\"api.example.com\"]") List<String> hosts,
		@JsonProperty("path_prefix") @Schema(description = "Prefix before every route path.",
				example = "") String pathPrefix,
		@JsonProperty("pass_host") @Schema(description = "Host header towards the upstream.",
				example = "pass") String passHost,
		@JsonProperty("upstream_host") @Schema(description = "Host header sent when pass_host is `rewrite`.",
				example = "httpbin.org") String upstreamHost,
		@Schema(description = "Effective timeouts.") TimeoutView timeout) {

	/**
	 * Creates the view.
	 * @param upstream nodes or discovery
	 * @param hosts request hosts; empty for any
	 * @param pathPrefix prefix before every route path
	 * @param passHost {@code pass}, {@code node} or {@code rewrite}
	 * @param upstreamHost host sent with {@code rewrite}
	 * @param timeout effective timeouts in seconds
	 */
	public RuntimeView {
		hosts = List.copyOf(hosts);
	}

	static RuntimeView of(RuntimeConfig runtime) {
		UpstreamView upstream = UpstreamView.of(runtime.upstream());
		Duration connect = (runtime.timeout().connect() != null) ? runtime.timeout().connect()
				: Timeouts.DEFAULT_CONNECT;
		Duration read = (runtime.timeout().read() != null) ? runtime.timeout().read() : Timeouts.DEFAULT_READ;
		return new RuntimeView(upstream, runtime.hosts(), runtime.pathPrefix(), runtime.passHost().jsonValue(),
				runtime.upstreamHost(), new TimeoutView(seconds(connect), seconds(read)));
	}

	private static BigDecimal seconds(Duration duration) {
		BigDecimal seconds = BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros();
		// Whole seconds print as 30, not 3E+1.
		return (seconds.scale() < 0) ? seconds.setScale(0) : seconds;
	}

	/**
	 * An upstream: either nodes or discovery fields are present.
	 *
	 * @param nodes fixed nodes
	 * @param serviceRegistryId registry connection
	 * @param namespace namespace in the registry
	 * @param serviceName service name in the registry
	 * @param portName port name
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(description = "Either `nodes`, or the discovery fields.")
	public record UpstreamView(@Schema(description = "Fixed nodes.") List<NodeView> nodes,
			@JsonProperty("service_registry_id") @Schema(description = "Registry connection (discovery).",
					example = "registry-for-test") String serviceRegistryId,
			@Schema(description = "Namespace in the registry (discovery).", example = "default") String namespace,
			@JsonProperty("service_name") @Schema(description = "Service name in the registry (discovery).",
					example = "httpbin") String serviceName,
			@JsonProperty("port_name") @Schema(description = "Port name (discovery).",
					example = "http") String portName) {

		static UpstreamView of(Upstream upstream) {
			if (upstream instanceof NodesUpstream nodes) {
				return new UpstreamView(
						nodes.nodes().stream().map((n) -> new NodeView(n.host(), n.port(), n.weight())).toList(), null,
						null, null, null);
			}
			if (upstream instanceof DiscoveryUpstream discovery) {
				return new UpstreamView(null, discovery.serviceRegistryId(), discovery.namespace(),
						discovery.serviceName(), discovery.portName());
			}
			return null;
		}

	}

	/**
	 * One node.
	 *
	 * @param host host name or address
	 * @param port port
	 * @param weight share of traffic
	 */
	@Schema(description = "One upstream node.")
	public record NodeView(@Schema(description = "Host name or IP address.", example = "httpbin.org") String host,
			@Schema(description = "Port.", example = "80") int port,
			@Schema(description = "Share of traffic.", example = "100") int weight) {

	}

	/**
	 * Effective timeouts.
	 *
	 * @param connect seconds to connect
	 * @param read seconds to wait for the response
	 */
	@Schema(description = "Timeouts towards the upstream, in seconds.")
	public record TimeoutView(@Schema(description = "Seconds to connect.", example = "5") BigDecimal connect,
			@Schema(description = "Seconds to wait for the response.", example = "60") BigDecimal read) {

	}

}

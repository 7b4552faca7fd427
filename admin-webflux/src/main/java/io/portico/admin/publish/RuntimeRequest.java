package io.portico.admin.publish;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;

/**
 * Body of {@code PUT /api/gateway_groups/{gg}/services/{service_id}/runtime}: the whole
 * runtime configuration of a published service in the group. Nodes stay nodes and
 * discovery stays discovery.
 *
 * @param upstream nodes or discovery, of the same kind as now
 * @param hosts request hosts the service answers; empty for any
 * @param pathPrefix prefix before every route path, stripped before forwarding
 * @param passHost {@code pass} (default), {@code node} or {@code rewrite}
 * @param upstreamHost the {@code Host} sent with {@code rewrite}
 * @param timeout connect and read timeouts in seconds
 */
@Schema(description = "The runtime configuration of a published service in a group; replaces the current one. The"
		+ " upstream keeps its kind (nodes or discovery): switching is done with a canary.")
public record RuntimeRequest(
		@Schema(description = "Where requests go: nodes, or discovery through a registry connection of the group.",
				requiredMode = Schema.RequiredMode.REQUIRED) @Valid PublishRequest.Upstream upstream,
		@ArraySchema(
				schema = @Schema(description = "A request host; `*.example.com` allowed.", example = "api.example.com"),
				arraySchema = @Schema(
						description = "Request hosts the service answers; empty for any host.")) List<String> hosts,
		@JsonProperty("path_prefix") @Schema(
				description = "Prefix put before every route path and stripped before forwarding.",
				example = "/httpbin") String pathPrefix,
		@JsonProperty("pass_host") @Schema(
				description = "Host header towards the upstream: `pass` (client's), `node` (the node's) or"
						+ " `rewrite` (upstream_host).",
				example = "pass", defaultValue = "pass") String passHost,
		@JsonProperty("upstream_host") @Schema(description = "Host header sent when pass_host is `rewrite`.",
				example = "httpbin.org") String upstreamHost,
		@Schema(description = "Timeouts towards the upstream, in seconds.") @Valid PublishRequest.Timeout timeout) {

	/**
	 * The runtime fields of this request.
	 * @return the fields, each {@code null} when not given
	 */
	public RuntimeFields runtimeFields() {
		return new RuntimeFields(this.upstream, this.hosts, this.pathPrefix, this.passHost, this.upstreamHost,
				this.timeout);
	}

}

package io.portico.admin.publish;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;

/**
 * The runtime fields a publish, a promotion and {@code PUT …/runtime} share: where
 * requests go and how. Each request declares them once, as this record marked
 * {@code @JsonUnwrapped}: on the wire they stay flat fields of the request (that shape is
 * the API), and validation errors name them as the client wrote them.
 *
 * @param upstream nodes or discovery, or {@code null}
 * @param hosts request hosts the service answers, or {@code null}
 * @param pathPrefix prefix before every route path, or {@code null}
 * @param passHost {@code pass}, {@code node} or {@code rewrite}, or {@code null}
 * @param upstreamHost the {@code Host} sent with {@code rewrite}, or {@code null}
 * @param timeout connect and read timeouts in seconds, or {@code null}
 */
public record RuntimeFields(
		@Schema(description = "Where requests go: nodes, or discovery through a registry connection of the group."
				+ " A publish or a promotion needs it when the service is not yet published in the group; without"
				+ " it the current runtime configuration is kept and the given fields replace its parts.") @Valid PublishRequest.Upstream upstream,
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

	/** No field given. */
	public static final RuntimeFields NONE = new RuntimeFields(null, null, null, null, null, null);

	/**
	 * Whether any field is given.
	 * @return {@code true} when at least one field is not {@code null}
	 */
	public boolean anyGiven() {
		return this.upstream != null || this.hosts != null || this.pathPrefix != null || this.passHost != null
				|| this.upstreamHost != null || this.timeout != null;
	}

}

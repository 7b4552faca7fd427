package io.portico.admin.publish.promote;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.portico.admin.publish.PublishRequest;
import io.portico.admin.publish.RuntimeFields;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

/**
 * Body of {@code POST /api/services/sync}: promote the current versions of services from
 * one gateway group to another, all or nothing.
 *
 * @param sourceGatewayGroupId the group whose current versions are copied
 * @param targetGatewayGroupId the group that receives them
 * @param services the services and their runtime configuration in the target
 */
@Schema(description = "Promote the current versions of services from one gateway group to another, atomically.")
public record PromoteRequest(
		@JsonProperty("source_gateway_group_id") @Schema(description = "Group whose current versions are copied.",
				example = "test", requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank String sourceGatewayGroupId,
		@JsonProperty("target_gateway_group_id") @Schema(
				description = "Group that receives them; not the source group.", example = "prod",
				requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank String targetGatewayGroupId,
		@ArraySchema(arraySchema = @Schema(description = "The services to promote; all or none are promoted.",
				requiredMode = Schema.RequiredMode.REQUIRED)) @NotEmpty @Valid List<ServiceRuntime> services) {

	/**
	 * One service to promote, with its runtime configuration in the target group.
	 *
	 * @param serviceId the service published in the source group
	 * @param upstream nodes or discovery in the target; required when the service is not
	 * yet published there, else the target's is kept when absent
	 * @param hosts request hosts the service answers; empty for any
	 * @param pathPrefix prefix before every route path, stripped before forwarding
	 * @param passHost {@code pass} (default), {@code node} or {@code rewrite}
	 * @param upstreamHost the {@code Host} sent with {@code rewrite}
	 * @param timeout connect and read timeouts in seconds
	 */
	@Schema(description = "One service to promote. Runtime fields apply to the target group, exactly as in a publish:"
			+ " with `upstream` they define the whole runtime configuration; without it the target's current one"
			+ " is kept and the given fields replace its parts.")
	public record ServiceRuntime(
			@JsonProperty("service_id") @Schema(description = "Service (template) id, published in the source group.",
					example = "httpbin", requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank String serviceId,
			@Schema(description = "Where requests go in the target group. Required when the service is not yet"
					+ " published there.") @Valid PublishRequest.Upstream upstream,
			@ArraySchema(
					schema = @Schema(description = "A request host; `*.example.com` allowed.",
							example = "api.example.com"),
					arraySchema = @Schema(
							description = "Request hosts the service answers; empty for any host.")) List<String> hosts,
			@JsonProperty("path_prefix") @Schema(
					description = "Prefix put before every route path and stripped before forwarding.",
					example = "/httpbin") String pathPrefix,
			@JsonProperty("pass_host") @Schema(
					description = "Host header towards the upstream: `pass` (client's), `node` (the node's) or"
							+ " `rewrite` (upstream_host).",
					example = "pass") String passHost,
			@JsonProperty("upstream_host") @Schema(description = "Host header sent when pass_host is `rewrite`.",
					example = "httpbin.org") String upstreamHost,
			@Schema(description = "Timeouts towards the upstream, in seconds.") @Valid PublishRequest.Timeout timeout) {

		/**
		 * The runtime fields of this item, for the target group.
		 * @return the fields, each {@code null} when not given
		 */
		public RuntimeFields runtimeFields() {
			return new RuntimeFields(this.upstream, this.hosts, this.pathPrefix, this.passHost, this.upstreamHost,
					this.timeout);
		}

	}

}

package io.portico.admin.publish;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/services/publish}: versions of one or more templates to
 * publish to one gateway group, all or nothing.
 *
 * @param gatewayGroupId the target group
 * @param services what to publish
 */
@Schema(description = "Publish one or more service versions to a gateway group, atomically.")
public record PublishRequest(
		@JsonProperty("gateway_group_id") @Schema(description = "Target gateway group.", example = "default",
				requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank String gatewayGroupId,
		@ArraySchema(arraySchema = @Schema(description = "The services to publish; all or none are published.",
				requiredMode = Schema.RequiredMode.REQUIRED)) @NotEmpty @Valid List<ServiceVersion> services) {

	/**
	 * One service version to publish.
	 *
	 * @param templateId the service template
	 * @param version the new version, semver
	 * @param runtime upstream and the other runtime fields, flat on the wire; the
	 * upstream is required on the first publish to the group, the current one is kept
	 * when absent
	 * @param description notes on this version
	 * @param current {@code false} to add the version to the group's history without
	 * serving it (for a version canary); default {@code true}
	 */
	@Schema(description = "One service version to publish, with its runtime configuration in the group.")
	public record ServiceVersion(
			@JsonProperty("template_id") @Schema(description = "Service template to publish.", example = "httpbin",
					requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank String templateId,
			@Schema(description = "New version (semantic versioning), unique per service and group.", example = "1.0.0",
					requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank String version,
			@JsonUnwrapped @Valid RuntimeFields runtime,
			@Schema(description = "Notes on this version.",
					example = "First release") @Size(max = 2000) String description,
			@Schema(description = "`false` adds the version to the group's history without serving it, for a"
					+ " version canary; allowed only when the service is already published in the group, and"
					+ " without runtime fields (the service's runtime configuration stays).", example = "true",
					defaultValue = "true") Boolean current) {

		/**
		 * Reads absent runtime fields as none given.
		 */
		public ServiceVersion {
			runtime = (runtime != null) ? runtime : RuntimeFields.NONE;
		}

		/**
		 * Whether the version becomes current.
		 * @return {@code true} unless {@code current} is {@code false}
		 */
		public boolean makesCurrent() {
			return !Boolean.FALSE.equals(this.current);
		}

	}

	/**
	 * An upstream: either {@code nodes}, or a discovery reference.
	 *
	 * @param nodes fixed nodes
	 * @param serviceRegistryId registry connection of the group (discovery)
	 * @param namespace namespace or group in the registry (discovery)
	 * @param serviceName service name in the registry (discovery)
	 * @param portName port name of a Kubernetes service with several ports (discovery)
	 */
	@Schema(description = "Either `nodes`, or `service_registry_id` + `namespace` + `service_name` for discovery.")
	public record Upstream(
			@ArraySchema(arraySchema = @Schema(
					description = "Fixed nodes, balanced by weighted round robin.")) @Valid List<Node> nodes,
			@JsonProperty("service_registry_id") @Schema(
					description = "Service registry connection of the group (discovery).",
					example = "registry-for-test") String serviceRegistryId,
			@Schema(description = "Namespace (Kubernetes, Nacos) or group in the registry (discovery).",
					example = "default") String namespace,
			@JsonProperty("service_name") @Schema(description = "Service name in the registry (discovery).",
					example = "httpbin") String serviceName,
			@JsonProperty("port_name") @Schema(description = "Port name, for services with several ports (discovery).",
					example = "http") String portName) {

	}

	/**
	 * One upstream node.
	 *
	 * @param host host name or IP address, without scheme, port or path
	 * @param port 1 to 65535
	 * @param weight share of traffic, default 100
	 */
	@Schema(description = "One upstream node.")
	public record Node(
			@Schema(description = "Host name or IP address, without scheme, port or path.", example = "httpbin.org",
					requiredMode = Schema.RequiredMode.REQUIRED) @NotNull String host,
			@Schema(description = "Port, 1 to 65535.", example = "80",
					requiredMode = Schema.RequiredMode.REQUIRED) @NotNull Integer port,
			@Schema(description = "Share of traffic relative to the other nodes; 0 takes none.", example = "100",
					defaultValue = "100") Integer weight) {

	}

	/**
	 * Timeouts towards the upstream.
	 *
	 * @param connect seconds to connect
	 * @param read seconds to wait for the response
	 */
	@Schema(description = "Timeouts towards the upstream, in seconds (milliseconds precision, at most 3600).")
	public record Timeout(@Schema(description = "Seconds to connect; default 5.", example = "5") BigDecimal connect,
			@Schema(description = "Seconds to wait for the response; default 60.", example = "60") BigDecimal read) {

	}

}

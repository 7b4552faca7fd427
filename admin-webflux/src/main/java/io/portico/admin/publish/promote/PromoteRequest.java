package io.portico.admin.publish.promote;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
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
	 * @param runtime the runtime fields in the target, flat on the wire; the upstream is
	 * required when the service is not yet published there, else the target's is kept
	 */
	@Schema(description = "One service to promote. Runtime fields apply to the target group, exactly as in a publish:"
			+ " with `upstream` they define the whole runtime configuration; without it the target's current one"
			+ " is kept and the given fields replace its parts.")
	public record ServiceRuntime(
			@JsonProperty("service_id") @Schema(description = "Service (template) id, published in the source group.",
					example = "httpbin", requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank String serviceId,
			@JsonUnwrapped @Valid RuntimeFields runtime) {

		/**
		 * Reads absent runtime fields as none given.
		 */
		public ServiceRuntime {
			runtime = (runtime != null) ? runtime : RuntimeFields.NONE;
		}

	}

}

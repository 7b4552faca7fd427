package io.portico.admin.template;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Where a template is published, and which version is current there.
 *
 * @param gatewayGroupId the group
 * @param version the current version in that group
 */
@Schema(description = "A gateway group the service is published in, with its current version there.")
public record PublishedIn(
		@JsonProperty("gateway_group_id") @Schema(description = "Gateway group id.",
				example = "default") String gatewayGroupId,
		@Schema(description = "Current version in that group.", example = "1.0.0") String version) {

}

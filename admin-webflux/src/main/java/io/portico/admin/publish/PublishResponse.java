package io.portico.admin.publish;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Result of a publish: the group's new config revision and the services now current.
 *
 * @param gatewayGroupId the group
 * @param configRevision the group's revision after the publish
 * @param list the published services
 * @param total their number
 */
@Schema(description = "Result of a publish.")
public record PublishResponse(
		@JsonProperty("gateway_group_id") @Schema(description = "Gateway group.",
				example = "default") String gatewayGroupId,
		@JsonProperty("config_revision") @Schema(
				description = "The group's config revision after the publish; gateways report it once applied.",
				example = "4") long configRevision,
		@Schema(description = "The published services, each with its new current version.") List<PublishedServiceResponse> list,
		@Schema(description = "Number of published services.", example = "1") long total) {

	/**
	 * Creates the response.
	 * @param gatewayGroupId the group
	 * @param configRevision the group's revision after the publish
	 * @param list the published services
	 * @param total their number
	 */
	public PublishResponse {
		list = List.copyOf(list);
	}

}

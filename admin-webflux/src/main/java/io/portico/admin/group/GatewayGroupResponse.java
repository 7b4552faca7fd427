package io.portico.admin.group;

import java.time.OffsetDateTime;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A gateway group as the API returns it.
 *
 * @param id the id
 * @param name the unique name
 * @param description free text
 * @param labels free key/value labels
 * @param configRevision grows with every change to what the group serves
 * @param createdAt creation time
 * @param updatedAt last edit time
 */
@Schema(description = "A gateway group: a set of gateway instances serving the same configuration.")
public record GatewayGroupResponse(@Schema(description = "Id.", example = "default") String id,
		@Schema(description = "Unique name.", example = "default") String name,
		@Schema(description = "Free text.", example = "The default gateway group") String description,
		@Schema(description = "Free key/value labels.", example = "{\"env\": \"prod\"}") Map<String, String> labels,
		@JsonProperty("config_revision") @Schema(
				description = "Grows with every change that affects what the group's gateways serve.",
				example = "3") long configRevision,
		@JsonProperty("created_at") @Schema(description = "Creation time (UTC).",
				example = "2025-01-01T12:00:00Z") OffsetDateTime createdAt,
		@JsonProperty("updated_at") @Schema(description = "Last edit time (UTC).",
				example = "2025-01-01T12:00:00Z") OffsetDateTime updatedAt) {

	static GatewayGroupResponse of(GatewayGroupRow row) {
		return new GatewayGroupResponse(row.id(), row.name(), row.description(), row.labels(), row.configRevision(),
				row.createdAt(), row.updatedAt());
	}

}

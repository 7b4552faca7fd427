package io.portico.admin.publish.history;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One entry of a service's version history in a group.
 *
 * @param id the version id
 * @param version the version string
 * @param publishedAt when it was published
 * @param publishedBy who published it
 * @param description notes on the version
 * @param current whether the group serves it now
 */
@Schema(description = "A published version of a service in a group.")
public record VersionResponse(
		@Schema(description = "Version id.", example = "0f8e7b1c-9d2a-4c53-8a57-3b1f2e4d5c6a") String id,
		@Schema(description = "Version string.", example = "1.0.0") String version,
		@JsonProperty("published_at") @Schema(description = "When it was published (UTC).",
				example = "2025-01-01T12:30:00Z") OffsetDateTime publishedAt,
		@JsonProperty("published_by") @Schema(description = "Who published it.", example = "admin") String publishedBy,
		@Schema(description = "Notes on the version.", example = "First release") String description,
		@Schema(description = "Whether the group serves this version now.", example = "true") boolean current) {

}

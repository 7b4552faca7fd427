package io.portico.admin.registry;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One health check of a registry connection.
 *
 * @param id the check id
 * @param status {@code healthy} or {@code unhealthy}
 * @param error why it failed, or {@code null}
 * @param durationMs how long it took
 * @param checkedAt when it ended
 */
@Schema(description = "One health check of a service registry connection.")
public record RegistryCheckResponse(
		@Schema(description = "Check id.", example = "8a4c1f3e-2b7d-4e9a-b6c5-1d0f3e2a7b9c") String id,
		@Schema(description = "Outcome.", example = "unhealthy", allowableValues = {
				"healthy", "unhealthy" }) String status,
		@Schema(description = "Why it failed; null when healthy.", example = "connection refused") String error,
		@JsonProperty("duration_ms") @Schema(description = "How long the check took, in milliseconds.",
				example = "12") long durationMs,
		@JsonProperty("checked_at") @Schema(description = "When the check ended (UTC).",
				example = "2025-01-01T12:00:10Z") OffsetDateTime checkedAt){

	static RegistryCheckResponse of(RegistryCheckRow row) {
		return new RegistryCheckResponse(row.id(), row.status(), row.error(), row.durationMs(), row.checkedAt());
	}

}

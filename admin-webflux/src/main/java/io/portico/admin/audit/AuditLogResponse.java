package io.portico.admin.audit;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A row of the audit log as the API returns it.
 *
 * @param id the id
 * @param occurredAt when
 * @param userId the user's id, or {@code null}
 * @param username the user's name (or the name tried at a failed sign-in), or
 * {@code null}
 * @param tokenId the API token's id (never the token), or {@code null}
 * @param sourceIp the client address
 * @param action the action
 * @param resourceType the resource type
 * @param resourceId the resource id, or {@code null}
 * @param gatewayGroupId the group, or {@code null}
 * @param outcome {@code success}, {@code failure} or {@code denied}
 * @param status the HTTP status answered
 * @param summary the request, secrets masked
 * @param detail why it failed or was refused
 */
@Schema(description = "One audited action.")
public record AuditLogResponse(String id, @JsonProperty("occurred_at") OffsetDateTime occurredAt,
		@JsonProperty("user_id") String userId, String username, @JsonProperty("token_id") String tokenId,
		@JsonProperty("source_ip") String sourceIp, @Schema(example = "publish") String action,
		@JsonProperty("resource_type") @Schema(example = "published_service") String resourceType,
		@JsonProperty("resource_id") String resourceId, @JsonProperty("gateway_group_id") String gatewayGroupId,
		@Schema(example = "success") String outcome, int status,
		@Schema(description = "The request, secrets masked.") String summary, String detail) {

	static AuditLogResponse of(AuditLogRow row) {
		return new AuditLogResponse(row.id(), row.occurredAt(), row.userId(), row.username(), row.tokenId(),
				row.sourceIp(), row.action(), row.resourceType(), row.resourceId(), row.gatewayGroupId(), row.outcome(),
				row.status(), row.summary(), row.detail());
	}

}

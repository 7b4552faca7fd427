package io.portico.admin.user;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A role a user holds.
 *
 * @param id the binding's id (to revoke it), or {@code null} in a token's roles
 * @param role the role
 * @param gatewayGroupId the group, {@code *} for every group or for a role not bound to
 * one
 * @param createdAt when granted, or {@code null}
 */
@Schema(description = "A role held in a gateway group.")
public record RoleResponse(@Schema(description = "Id of the grant.", example = "5b0c…") String id,
		@Schema(description = "The role.", example = "publisher") String role,
		@JsonProperty("gateway_group_id") @Schema(description = "The group; `*` for every group.",
				example = "test") String gatewayGroupId,
		@JsonProperty("created_at") @Schema(description = "When granted.") OffsetDateTime createdAt) {

	static RoleResponse of(UserRoleRow row) {
		return new RoleResponse(row.id(), row.binding().role().value(), row.binding().gatewayGroupId(),
				row.createdAt());
	}

}

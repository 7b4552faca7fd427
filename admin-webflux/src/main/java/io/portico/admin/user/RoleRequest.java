package io.portico.admin.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A role in a gateway group, to grant to a user or to narrow a token to.
 *
 * @param role {@code viewer}, {@code publisher}, {@code group_admin}, {@code editor} or
 * {@code super_admin}
 * @param gatewayGroupId the group, for the group roles; {@code *} for every group; absent
 * for {@code editor} and {@code super_admin}
 */
@Schema(description = "A role, in a gateway group for the group roles.")
public record RoleRequest(
		@Schema(description = "`viewer`, `publisher`, `group_admin` (bound to a group), `editor` or `super_admin`.",
				example = "publisher", requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank String role,
		@JsonProperty("gateway_group_id") @Schema(
				description = "Gateway group of a group role; `*` for every group. Absent for `editor` and `super_admin`.",
				example = "test") @Size(max = 64) String gatewayGroupId) {

}

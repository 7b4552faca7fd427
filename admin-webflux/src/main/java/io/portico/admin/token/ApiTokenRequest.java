package io.portico.admin.token;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.portico.admin.user.RoleRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/tokens}.
 *
 * @param name the name, unique per user
 * @param expiresAt when it stops working; absent: in 30 days
 * @param neverExpires {@code true} for a token that never expires (super admins only)
 * @param roles the roles to narrow the token to; absent: all of its user's roles, as they
 * are at each use
 */
@Schema(description = "An API token to create.")
public record ApiTokenRequest(
		@Schema(description = "Name, unique per user.", example = "ci-deploy",
				requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 100) String name,
		@JsonProperty("expires_at") @Schema(description = "Expiry; absent: 30 days from now.",
				example = "2027-01-31T00:00:00Z") OffsetDateTime expiresAt,
		@JsonProperty("never_expires") @Schema(description = "A token that never expires (super admins only).",
				defaultValue = "false") Boolean neverExpires,
		@Schema(description = "Roles to narrow the token to, each held by its user; absent: all of the user's"
				+ " roles.") @Valid @Size(max = 100) List<RoleRequest> roles) {

}

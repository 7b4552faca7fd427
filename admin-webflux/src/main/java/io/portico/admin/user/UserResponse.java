package io.portico.admin.user;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A user as the API returns it: never the password.
 *
 * @param id the id
 * @param username the sign-in name
 * @param displayName the name shown
 * @param enabled whether the user may sign in and use tokens
 * @param hasPassword whether the user can sign in with a password
 * @param roles the roles held
 * @param createdAt when created
 * @param updatedAt when last changed
 * @param lastLoginAt the last password sign-in, or {@code null}
 */
@Schema(description = "A user of the admin.")
public record UserResponse(@Schema(description = "Id.") String id,
		@Schema(description = "Sign-in name.", example = "alice") String username,
		@JsonProperty("display_name") @Schema(description = "Name shown.") String displayName,
		@Schema(description = "Whether the user may sign in and use tokens.") boolean enabled,
		@JsonProperty("has_password") @Schema(description = "Whether a password is set.") boolean hasPassword,
		@Schema(description = "Roles held.") List<RoleResponse> roles,
		@JsonProperty("created_at") OffsetDateTime createdAt, @JsonProperty("updated_at") OffsetDateTime updatedAt,
		@JsonProperty("last_login_at") OffsetDateTime lastLoginAt) {

	static UserResponse of(UserRow row, List<UserRoleRow> roles) {
		return new UserResponse(row.id(), row.username(), row.displayName(), row.enabled(), row.passwordHash() != null,
				roles.stream().map(RoleResponse::of).toList(), row.createdAt(), row.updatedAt(), row.lastLoginAt());
	}

}

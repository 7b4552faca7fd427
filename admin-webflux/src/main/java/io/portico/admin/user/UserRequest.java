package io.portico.admin.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/users} and {@code PUT /api/users/{id}}.
 *
 * @param username the sign-in name (create only; must match on update)
 * @param displayName the name shown
 * @param password the new password; absent keeps the current one (a user without one
 * signs in with tokens only)
 * @param enabled whether the user may sign in and use tokens (default {@code true})
 */
@Schema(description = "A user to create or update.")
public record UserRequest(@Schema(description = "Sign-in name: letters, digits, `.`, `_`, `-`, `@`.", example = "alice",
		requiredMode = Schema.RequiredMode.REQUIRED) @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$",
				message = "must be 1 to 100 letters, digits, '.', '_', '-' or '@', starting with a letter or digit") String username,
		@JsonProperty("display_name") @Schema(description = "Name shown.",
				example = "Alice Liddell") @Size(max = 200) String displayName,
		@Schema(description = "Password, 12 to 128 characters; absent keeps the current one. Never returned.",
				example = "correct horse battery staple") @Size(min = 12, max = 128) String password,
		@Schema(description = "Whether the user may sign in and use tokens.", defaultValue = "true") Boolean enabled) {

	@Override
	public String toString() {
		return "UserRequest[username=" + this.username + "]";
	}

}

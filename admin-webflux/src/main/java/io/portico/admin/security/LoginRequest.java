package io.portico.admin.security;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/login}.
 *
 * @param username the sign-in name
 * @param password the password
 */
@Schema(description = "Credentials to sign in with.")
public record LoginRequest(
		@Schema(description = "Sign-in name.", example = "admin",
				requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 100) String username,
		@Schema(description = "Password.",
				requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 128) String password) {

	@Override
	public String toString() {
		return "LoginRequest[username=" + this.username + "]";
	}

}

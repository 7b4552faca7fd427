package io.portico.admin.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.portico.admin.user.MeResponse;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Answer to a successful sign-in.
 *
 * @param user who signed in, with their permissions
 * @param csrfToken the token to send as {@code X-CSRF-TOKEN} with every state-changing
 * request of this session
 */
@Schema(description = "A signed-in session: the SESSION cookie is set.")
public record LoginResponse(MeResponse user, @JsonProperty("csrf_token") @Schema(
		description = "Send as `X-CSRF-TOKEN` with every POST/PUT/DELETE of this session.") String csrfToken) {

}

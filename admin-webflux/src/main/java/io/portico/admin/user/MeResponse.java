package io.portico.admin.user;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Who the caller is and what they may do, for the dashboard and the CLI.
 *
 * @param id the user's id
 * @param username the sign-in name
 * @param displayName the name shown
 * @param roles the user's roles
 * @param tokenId the API token used, or {@code null} for a session
 * @param tokenRoles the roles the token is narrowed to, or {@code null}
 * @param permissions the permissions this request holds, {@code name@group} for group
 * permissions ({@code @*}: every group)
 */
@Schema(description = "The caller and their permissions.")
public record MeResponse(String id, String username, @JsonProperty("display_name") String displayName,
		List<RoleResponse> roles, @JsonProperty("token_id") String tokenId,
		@JsonProperty("token_roles") List<RoleResponse> tokenRoles,
		@Schema(description = "Permissions held, such as `gateway_group:publish@test`.",
				example = "[\"gateway_group:read@test\", \"service_hub:read\"]") Set<String> permissions) {

}

package io.portico.admin.token;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.portico.admin.user.RoleResponse;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An API token as the API returns it: the token itself only in the answer to its
 * creation.
 *
 * @param id the id
 * @param userId the owner
 * @param name the name
 * @param prefix the token's first characters
 * @param roles the roles it is narrowed to, or {@code null} for all of its user's
 * @param expiresAt the expiry, or {@code null} for never
 * @param lastUsedAt the last use (to the minute), or {@code null}
 * @param createdAt when created
 * @param token the token, only when just created
 */
@Schema(description = "An API token. `token` is present once, in the answer to its creation.")
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ApiTokenResponse(String id, @JsonProperty("user_id") String userId, String name,
		@Schema(description = "First characters of the token, to recognise it.", example = "pt_Ab3dE9fG") String prefix,
		@JsonInclude(JsonInclude.Include.ALWAYS) List<RoleResponse> roles,
		@JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("expires_at") OffsetDateTime expiresAt,
		@JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("last_used_at") OffsetDateTime lastUsedAt,
		@JsonProperty("created_at") OffsetDateTime createdAt,
		@Schema(description = "The token: shown once, send it as `X-API-KEY`.") String token) {

	static ApiTokenResponse of(ApiTokenRow row, String token) {
		List<RoleResponse> roles = (row.roles() != null) ? row.roles()
			.stream()
			.map((binding) -> new RoleResponse(null, binding.role().value(), binding.gatewayGroupId(), null))
			.toList() : null;
		return new ApiTokenResponse(row.id(), row.userId(), row.name(), row.prefix(), roles, row.expiresAt(),
				row.lastUsedAt(), row.createdAt(), token);
	}

	@Override
	public String toString() {
		return "ApiTokenResponse[id=" + this.id + ", name=" + this.name + "]";
	}

}

package io.portico.admin.token;

import java.time.OffsetDateTime;
import java.util.List;

import io.portico.admin.access.RoleBinding;

/**
 * A row of {@code api_token}.
 *
 * @param id the id
 * @param userId the owner
 * @param name the name, unique per user
 * @param tokenHash SHA-256 of the token, hex
 * @param prefix the token's first characters, to recognise it
 * @param roles the roles the token is narrowed to, or {@code null} for all of its user's
 * @param expiresAt when it stops working, or {@code null} for never
 * @param lastUsedAt when last used (to the minute), or {@code null}
 * @param createdAt when created
 */
public record ApiTokenRow(String id, String userId, String name, String tokenHash, String prefix,
		List<RoleBinding> roles, OffsetDateTime expiresAt, OffsetDateTime lastUsedAt, OffsetDateTime createdAt) {

	/**
	 * Copies the list.
	 * @param id the id
	 * @param userId the owner
	 * @param name the name
	 * @param tokenHash the hash
	 * @param prefix the prefix
	 * @param roles the roles, or {@code null}
	 * @param expiresAt the expiry, or {@code null}
	 * @param lastUsedAt the last use, or {@code null}
	 * @param createdAt the creation time
	 */
	public ApiTokenRow {
		roles = (roles != null) ? List.copyOf(roles) : null;
	}

	@Override
	public String toString() {
		return "ApiTokenRow[id=" + this.id + ", name=" + this.name + ", prefix=" + this.prefix + "]";
	}

}

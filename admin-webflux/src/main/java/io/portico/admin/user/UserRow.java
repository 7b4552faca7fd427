package io.portico.admin.user;

import java.time.OffsetDateTime;

/**
 * A row of {@code app_user}.
 *
 * @param id the id
 * @param username the unique sign-in name
 * @param displayName the name shown
 * @param passwordHash the encoded password, or {@code null} for a token-only user
 * @param enabled whether the user may sign in and use tokens
 * @param createdAt when created
 * @param updatedAt when last changed
 * @param lastLoginAt the last sign-in with a password, or {@code null}
 * @param rowVersion the optimistic lock
 */
public record UserRow(String id, String username, String displayName, String passwordHash, boolean enabled,
		OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime lastLoginAt, long rowVersion) {

	@Override
	public String toString() {
		return "UserRow[id=" + this.id + ", username=" + this.username + "]";
	}

}

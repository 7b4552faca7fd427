package io.portico.admin.access;

import java.io.Serializable;
import java.util.List;

/**
 * Who authenticated: a user, through a password session or one of their API tokens. Holds
 * no permissions: they are read anew for every request.
 *
 * @param userId the user's id
 * @param username the user's name
 * @param tokenId the token's id, or {@code null} for a session
 * @param tokenRoles the roles the token is narrowed to, or {@code null} for all of the
 * user's
 */
public record PorticoPrincipal(String userId, String username, String tokenId,
		List<RoleBinding> tokenRoles) implements Serializable {

	/**
	 * Copies the list.
	 * @param userId the user's id
	 * @param username the user's name
	 * @param tokenId the token's id, or {@code null}
	 * @param tokenRoles the token's roles, or {@code null}
	 */
	public PorticoPrincipal {
		tokenRoles = (tokenRoles != null) ? List.copyOf(tokenRoles) : null;
	}

	@Override
	public String toString() {
		return this.username;
	}

}

package io.portico.admin.access;

/**
 * Who makes the current request and what they may do.
 *
 * @param userId the user's id
 * @param username the user's name
 * @param tokenId the API token's id, or {@code null} for a browser session
 * @param grants what the request may do
 */
public record Caller(String userId, String username, String tokenId, Grants grants) {

	/**
	 * Whether a permission is held in a group.
	 * @param permission the permission
	 * @param groupId the group, or {@code null} for "in at least one group"
	 * @return {@code true} if allowed
	 */
	public boolean can(Permission permission, String groupId) {
		return this.grants.allows(permission, groupId);
	}

}

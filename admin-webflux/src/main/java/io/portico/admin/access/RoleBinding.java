package io.portico.admin.access;

/**
 * A role held in a gateway group ({@link Role#ALL_GROUPS} for every group, and for the
 * roles not bound to a group).
 *
 * @param role the role
 * @param gatewayGroupId the group
 */
public record RoleBinding(Role role, String gatewayGroupId) {

	/**
	 * Whether this binding grants a permission in a group.
	 * @param permission the permission
	 * @param groupId the group, or {@code null} for "in at least one group"
	 * @return {@code true} if granted
	 */
	public boolean allows(Permission permission, String groupId) {
		if (!this.role.grants(permission)) {
			return false;
		}
		if (!permission.groupBound() || groupId == null || !this.role.groupBound()) {
			return true;
		}
		return Role.ALL_GROUPS.equals(this.gatewayGroupId) || this.gatewayGroupId.equals(groupId);
	}

}

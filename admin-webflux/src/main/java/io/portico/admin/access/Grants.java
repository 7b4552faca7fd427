package io.portico.admin.access;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one request may do: the roles of its user, narrowed by its token's roles when the
 * token has some. Built anew for every request, so that a revoked role takes effect on
 * the next one.
 *
 * @param user the user's role bindings
 * @param narrowedTo the token's role bindings, or {@code null} when the token (or the
 * session) carries all of its user's roles
 */
public record Grants(List<RoleBinding> user, List<RoleBinding> narrowedTo) {

	/**
	 * Copies the lists.
	 * @param user the user's bindings
	 * @param narrowedTo the token's bindings, or {@code null}
	 */
	public Grants {
		user = List.copyOf(user);
		narrowedTo = (narrowedTo != null) ? List.copyOf(narrowedTo) : null;
	}

	/**
	 * Whether a permission is held in a group.
	 * @param permission the permission
	 * @param groupId the group, or {@code null} for "in at least one group" (and for
	 * permissions not bound to a group)
	 * @return {@code true} if allowed
	 */
	public boolean allows(Permission permission, String groupId) {
		if (permission == Permission.SIGNED_IN) {
			// Any authenticated caller, even one whose roles were all revoked: who am I,
			// my own tokens (to revoke them) and sign-out.
			return true;
		}
		return anyAllows(this.user, permission, groupId)
				&& (this.narrowedTo == null || anyAllows(this.narrowedTo, permission, groupId));
	}

	/**
	 * Whether a permission is held in every group, present and future.
	 * @param permission a group permission
	 * @return {@code true} if allowed in all groups
	 */
	public boolean allowsEverywhere(Permission permission) {
		return everywhere(this.user, permission)
				&& (this.narrowedTo == null || everywhere(this.narrowedTo, permission));
	}

	/**
	 * Whether every permission of a role binding is held where it applies: a token may be
	 * narrowed to such a binding, never widened beyond its user.
	 * @param binding the binding
	 * @return {@code true} if covered
	 */
	public boolean covers(RoleBinding binding) {
		for (Permission permission : Permission.values()) {
			if (!binding.role().grants(permission)) {
				continue;
			}
			boolean held;
			if (!permission.groupBound()) {
				held = allows(permission, null);
			}
			else if (!binding.role().groupBound() || Role.ALL_GROUPS.equals(binding.gatewayGroupId())) {
				held = allowsEverywhere(permission);
			}
			else {
				held = allows(permission, binding.gatewayGroupId());
			}
			if (!held) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The names of the permissions held, with {@code @group} for group permissions, for
	 * {@code /api/me}.
	 * @param groupIds the groups that exist
	 * @return such as {@code gateway_group:publish@test}
	 */
	public Set<String> describe(List<String> groupIds) {
		Set<String> names = new TreeSet<>();
		for (Permission permission : Permission.values()) {
			if (!permission.groupBound()) {
				if (allows(permission, null)) {
					names.add(permission.value());
				}
				continue;
			}
			if (allowsEverywhere(permission)) {
				names.add(permission.value() + "@" + Role.ALL_GROUPS);
				continue;
			}
			for (String groupId : groupIds) {
				if (allows(permission, groupId)) {
					names.add(permission.value() + "@" + groupId);
				}
			}
		}
		return names;
	}

	private static boolean anyAllows(List<RoleBinding> bindings, Permission permission, String groupId) {
		return bindings.stream().anyMatch((binding) -> binding.allows(permission, groupId));
	}

	private static boolean everywhere(List<RoleBinding> bindings, Permission permission) {
		return bindings.stream()
			.anyMatch((binding) -> binding.role().grants(permission)
					&& (!binding.role().groupBound() || Role.ALL_GROUPS.equals(binding.gatewayGroupId())));
	}

}

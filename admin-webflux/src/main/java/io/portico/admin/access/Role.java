package io.portico.admin.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The roles a user is given, each with the permissions it grants: the one table of who
 * may do what. Group roles are bound to one gateway group (or {@code *}, every group);
 * {@code editor} and {@code super_admin} are not bound to a group.
 */
public enum Role {

	/** Reads everything of its group and the Service Hub. */
	VIEWER("viewer", true, Permission.SIGNED_IN, Permission.SERVICE_HUB_READ, Permission.GROUP_READ),

	/**
	 * A viewer who also publishes, promotes into, rolls back, canaries and unpublishes.
	 */
	PUBLISHER("publisher", true, Permission.SIGNED_IN, Permission.SERVICE_HUB_READ, Permission.GROUP_READ,
			Permission.GROUP_PUBLISH),

	/** A publisher who also manages the group's registry connections and settings. */
	GROUP_ADMIN("group_admin", true, Permission.SIGNED_IN, Permission.SERVICE_HUB_READ, Permission.GROUP_READ,
			Permission.GROUP_PUBLISH, Permission.GROUP_ADMIN),

	/** Edits the Service Hub: templates, routes, imports. */
	EDITOR("editor", false, Permission.SIGNED_IN, Permission.SERVICE_HUB_READ, Permission.SERVICE_HUB_WRITE),

	/** Everything, in every group, including users, roles and other users' tokens. */
	SUPER_ADMIN("super_admin", false, Permission.values());

	/**
	 * The group of a role not bound to one group, and of a group role held in every
	 * group.
	 */
	public static final String ALL_GROUPS = "*";

	private final String value;

	private final boolean groupBound;

	private final Set<Permission> permissions;

	Role(String value, boolean groupBound, Permission... permissions) {
		this.value = value;
		this.groupBound = groupBound;
		this.permissions = Set.copyOf(EnumSet.copyOf(Arrays.asList(permissions)));
	}

	/**
	 * The role's name in the API.
	 * @return such as {@code publisher}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Whether a binding of this role names a gateway group.
	 * @return {@code true} for viewer, publisher and group_admin
	 */
	public boolean groupBound() {
		return this.groupBound;
	}

	/**
	 * Whether the role grants a permission (in the group it is bound to).
	 * @param permission the permission
	 * @return {@code true} if granted
	 */
	public boolean grants(Permission permission) {
		return this.permissions.contains(permission);
	}

	/**
	 * Finds a role by its API name.
	 * @param value such as {@code viewer}
	 * @return the role, or empty
	 */
	public static Optional<Role> of(String value) {
		if (value == null) {
			return Optional.empty();
		}
		String name = value.toLowerCase(Locale.ROOT);
		return Arrays.stream(values()).filter((role) -> role.value.equals(name)).findFirst();
	}

	@Override
	public String toString() {
		return this.value;
	}

}

package io.portico.admin.ui;

import java.util.List;

import io.portico.admin.access.Caller;
import io.portico.admin.access.Permission;
import io.portico.admin.group.GatewayGroupResponse;

/**
 * What every dashboard page knows about its viewer: who is signed in, the gateway groups
 * they may see (for the group switcher) and what they may do, so that a page offers only
 * the actions the server would allow.
 *
 * @param username the signed-in user
 * @param caller the caller, with the grants read for this request
 * @param groups the groups the user may read, by name
 * @param csrfToken the token a page sends as {@code X-CSRF-TOKEN} with its changes
 */
public record UiSession(String username, Caller caller, List<GatewayGroupResponse> groups, String csrfToken) {

	/**
	 * Whether the user holds a permission.
	 * @param permission the permission's enum name, such as {@code GROUP_PUBLISH}
	 * @param groupId the group, for permissions bound to a group; ignored otherwise
	 * @return {@code true} when the server would allow it
	 */
	public boolean can(String permission, String groupId) {
		return this.caller.can(Permission.valueOf(permission), groupId);
	}

	/**
	 * Whether the user holds a permission that is not bound to a group.
	 * @param permission the permission's enum name, such as {@code SERVICE_HUB_WRITE}
	 * @return {@code true} when the server would allow it
	 */
	public boolean can(String permission) {
		return this.caller.can(Permission.valueOf(permission), null);
	}

	/**
	 * Whether the user may publish to at least one group.
	 * @return {@code true} when some group allows publishing
	 */
	public boolean canPublishSomewhere() {
		return this.groups.stream().anyMatch((group) -> can("GROUP_PUBLISH", group.id()));
	}

	/**
	 * The group shown when a page has none of its own: {@code default} when visible, else
	 * the first.
	 * @return the group id, or {@code null} when the user sees no group
	 */
	public String defaultGroup() {
		return this.groups.stream()
			.map(GatewayGroupResponse::id)
			.filter("default"::equals)
			.findFirst()
			.orElse(this.groups.isEmpty() ? null : this.groups.get(0).id());
	}

}

package io.portico.admin.access;

import java.util.Locale;

/**
 * What an endpoint family needs. A permission that is {@linkplain #groupBound() bound to
 * a gateway group} is checked in the group the request names.
 */
public enum Permission {

	/** Any signed-in user: their own profile, tokens and sign-out. */
	SIGNED_IN("signed_in", false),

	/** Read the Service Hub: templates and their routes. */
	SERVICE_HUB_READ("service_hub:read", false),

	/** Edit the Service Hub: templates, routes, OpenAPI import. */
	SERVICE_HUB_WRITE("service_hub:write", false),

	/** Read a group: its published services, versions, diffs, registries, instances. */
	GROUP_READ("gateway_group:read", true),

	/**
	 * Change what a group serves: publish, promote into, rollback, canary, unpublish,
	 * runtime.
	 */
	GROUP_PUBLISH("gateway_group:publish", true),

	/** Administer a group: its registry connections and settings. */
	GROUP_ADMIN("gateway_group:admin", true),

	/** Create and delete gateway groups. */
	GROUPS_MANAGE("gateway_groups:manage", false),

	/** Manage users, their roles and everyone's tokens. */
	USERS_MANAGE("users:manage", false),

	/** Read and export the audit log. */
	AUDIT_READ("audit_log:read", false),

	/** Re-encrypt stored secrets under the current key. */
	SECRETS_MANAGE("secrets:manage", false);

	private final String value;

	private final boolean groupBound;

	Permission(String value, boolean groupBound) {
		this.value = value;
		this.groupBound = groupBound;
	}

	/**
	 * The name shown in errors, the OpenAPI description and {@code /api/me}.
	 * @return such as {@code gateway_group:publish}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Whether the permission is held per gateway group.
	 * @return {@code true} for group permissions
	 */
	public boolean groupBound() {
		return this.groupBound;
	}

	@Override
	public String toString() {
		return this.value.toLowerCase(Locale.ROOT);
	}

}

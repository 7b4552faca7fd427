package io.portico.admin.audit;

import java.time.OffsetDateTime;

/**
 * Filters of the audit log; {@code null} means "any".
 *
 * @param from earliest time, inclusive
 * @param to latest time, exclusive
 * @param username the user
 * @param action the action
 * @param gatewayGroupId the group
 * @param resourceType the resource type
 * @param resourceId the resource id
 * @param outcome {@code success}, {@code failure} or {@code denied}
 */
public record AuditQuery(OffsetDateTime from, OffsetDateTime to, String username, String action, String gatewayGroupId,
		String resourceType, String resourceId, String outcome) {

}

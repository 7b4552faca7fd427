package io.portico.admin.audit;

import java.time.OffsetDateTime;

/**
 * A row of table {@code audit_log}.
 *
 * @param id the id
 * @param occurredAt when
 * @param userId the user's id, or {@code null}
 * @param username the user's name, or {@code null}
 * @param tokenId the token's id, or {@code null}
 * @param sourceIp the client address, or {@code null}
 * @param action the action
 * @param resourceType the resource type
 * @param resourceId the resource id, or {@code null}
 * @param gatewayGroupId the group, or {@code null}
 * @param outcome {@code success}, {@code failure} or {@code denied}
 * @param status the HTTP status
 * @param summary the masked request
 * @param detail why it failed or was refused
 */
public record AuditLogRow(String id, OffsetDateTime occurredAt, String userId, String username, String tokenId,
		String sourceIp, String action, String resourceType, String resourceId, String gatewayGroupId, String outcome,
		int status, String summary, String detail) {

}

package io.portico.admin.audit;

/**
 * What happened, without who and from where (which the audit log adds).
 *
 * @param action such as {@code publish}, {@code login}, {@code authorization}
 * @param resourceType such as {@code published_service}
 * @param resourceId the object's id, or {@code null}
 * @param gatewayGroupId the group, or {@code null}
 * @param outcome how it ended
 * @param status the HTTP status answered
 * @param summary the masked request, possibly empty
 * @param detail why it failed or was refused, possibly empty
 */
public record AuditEvent(String action, String resourceType, String resourceId, String gatewayGroupId,
		AuditOutcome outcome, int status, String summary, String detail) {

}

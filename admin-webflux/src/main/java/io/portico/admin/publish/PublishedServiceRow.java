package io.portico.admin.publish;

import java.time.OffsetDateTime;

import io.portico.compiler.model.RuntimeConfig;

/**
 * A row of table {@code published_service}: what a group serves for one service.
 *
 * @param gatewayGroupId the group
 * @param serviceId the template id
 * @param currentVersionId the current published version
 * @param runtime the runtime configuration in this group
 * @param upstreamKind {@code nodes} or {@code discovery}
 * @param createdAt first publish
 * @param updatedAt last change
 * @param rowVersion optimistic lock
 */
public record PublishedServiceRow(String gatewayGroupId, String serviceId, String currentVersionId,
		RuntimeConfig runtime, String upstreamKind, OffsetDateTime createdAt, OffsetDateTime updatedAt,
		long rowVersion) {

}

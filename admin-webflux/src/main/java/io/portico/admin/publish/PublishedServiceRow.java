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
 * @param canary the stored canary JSON, {@code null} when there is none
 * @param canaryVersionId the version a version canary shifts traffic to, else
 * {@code null}
 */
public record PublishedServiceRow(String gatewayGroupId, String serviceId, String currentVersionId,
		RuntimeConfig runtime, String upstreamKind, OffsetDateTime createdAt, OffsetDateTime updatedAt, long rowVersion,
		String canary, String canaryVersionId) {

	/**
	 * Whether a canary is active.
	 * @return {@code true} when the service has a canary
	 */
	public boolean hasCanary() {
		return this.canary != null;
	}

	/**
	 * This row pointing at another version with another runtime, as of a time.
	 * @param versionId the current version
	 * @param newRuntime the runtime configuration
	 * @param now the change time
	 * @return the changed row (same row version, for the optimistic update)
	 */
	public PublishedServiceRow withCurrent(String versionId, RuntimeConfig newRuntime, OffsetDateTime now) {
		return new PublishedServiceRow(this.gatewayGroupId, this.serviceId, versionId, newRuntime,
				newRuntime.upstream().kind(), this.createdAt, now, this.rowVersion, this.canary, this.canaryVersionId);
	}

	/**
	 * This row with another canary, as of a time.
	 * @param newCanary the stored canary JSON, {@code null} for none
	 * @param newCanaryVersionId the canary version, {@code null} for none
	 * @param now the change time
	 * @return the changed row (same row version, for the optimistic update)
	 */
	public PublishedServiceRow withCanary(String newCanary, String newCanaryVersionId, OffsetDateTime now) {
		return new PublishedServiceRow(this.gatewayGroupId, this.serviceId, this.currentVersionId, this.runtime,
				this.upstreamKind, this.createdAt, now, this.rowVersion, newCanary, newCanaryVersionId);
	}

}

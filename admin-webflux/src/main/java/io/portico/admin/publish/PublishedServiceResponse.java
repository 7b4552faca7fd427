package io.portico.admin.publish;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A service published in a group, with its current version.
 *
 * @param gatewayGroupId the group
 * @param serviceId the template id
 * @param name the service name of the current version
 * @param type the service type
 * @param upstreamScheme the upstream scheme
 * @param version the current version
 * @param versionId id of the current version
 * @param upstreamKind {@code nodes} or {@code discovery}
 * @param publishedAt when the current version was published
 * @param publishedBy who published it
 * @param description notes on the current version
 */
@Schema(description = "A service published in a gateway group, with its current version.")
public record PublishedServiceResponse(
		@JsonProperty("gateway_group_id") @Schema(description = "Gateway group.",
				example = "default") String gatewayGroupId,
		@JsonProperty("service_id") @Schema(description = "Service (template) id.",
				example = "httpbin") String serviceId,
		@Schema(description = "Service name of the current version.", example = "httpbin") String name,
		@Schema(description = "Service type.", example = "http") String type,
		@JsonProperty("upstream_scheme") @Schema(description = "Scheme towards the upstream.",
				example = "http") String upstreamScheme,
		@Schema(description = "Current version.", example = "1.0.0") String version,
		@JsonProperty("version_id") @Schema(description = "Id of the current version.",
				example = "0f8e7b1c-9d2a-4c53-8a57-3b1f2e4d5c6a") String versionId,
		@JsonProperty("upstream_kind") @Schema(description = "`nodes` or `discovery`.",
				example = "nodes") String upstreamKind,
		@JsonProperty("published_at") @Schema(description = "When the current version was published (UTC).",
				example = "2025-01-01T12:30:00Z") OffsetDateTime publishedAt,
		@JsonProperty("published_by") @Schema(description = "Who published it.", example = "admin") String publishedBy,
		@Schema(description = "Notes on the current version.", example = "First release") String description) {

	public static PublishedServiceResponse of(PublishedServiceRow service, PublishedVersionRow version) {
		return new PublishedServiceResponse(service.gatewayGroupId(), service.serviceId(), version.serviceName(),
				version.serviceType(), version.upstreamScheme(), version.version(), version.id(),
				service.upstreamKind(), version.publishedAt(), version.publishedBy(), version.description());
	}

}

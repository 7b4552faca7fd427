package io.portico.admin.publish;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.portico.compiler.model.RouteSpec;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The current version of a published service with its routes and runtime configuration.
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
 * @param routes the routes of the current version
 * @param runtime the runtime configuration in this group
 * @param canary the active canary, {@code null} when none
 */
@Schema(description = "The current version of a published service, with its routes and runtime configuration.")
public record PublishedServiceDetailResponse(
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
		@Schema(description = "Notes on the current version.", example = "First release") String description,
		@Schema(description = "Routes of the current version, as published.") List<RouteView> routes,
		@Schema(description = "Runtime configuration in this group.") RuntimeView runtime,
		@Schema(description = "The active canary; null when none.", nullable = true) CanaryView canary) {

	/**
	 * Creates the response.
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
	 * @param routes the routes of the current version
	 * @param runtime the runtime configuration in this group
	 * @param canary the active canary, {@code null} when none
	 */
	public PublishedServiceDetailResponse {
		routes = List.copyOf(routes);
	}

	static PublishedServiceDetailResponse of(PublishedServiceRow service, PublishedVersionRow version) {
		return new PublishedServiceDetailResponse(service.gatewayGroupId(), service.serviceId(), version.serviceName(),
				version.serviceType(), version.upstreamScheme(), version.version(), version.id(),
				service.upstreamKind(), version.publishedAt(), version.publishedBy(), version.description(),
				version.routes().stream().map(RouteView::of).toList(), RuntimeView.of(service.runtime()),
				service.hasCanary() ? CanaryView.of(service.canary(), service.canaryVersionId()) : null);
	}

	/**
	 * A route of a published version.
	 *
	 * @param id the route id
	 * @param name the route name
	 * @param paths the paths
	 * @param methods the methods; empty for all
	 * @param description free text
	 * @param labels free key/value labels
	 */
	@Schema(description = "A route of a published version.")
	public record RouteView(@Schema(description = "Route id.", example = "getting-started-anything") String id,
			@Schema(description = "Route name.", example = "getting-started-anything") String name,
			@Schema(description = "Paths.", example = "[\"/anything/*\"]") List<String> paths,
			@Schema(description = "Methods; empty for all.", example = "[\"GET\"]") List<String> methods,
			@Schema(description = "Free text.", example = "Echoes the request") String description,
			@Schema(description = "Free key/value labels.",
					example = "{\"team\": \"platform\"}") Map<String, String> labels) {

		public static RouteView of(RouteSpec route) {
			return new RouteView(route.id(), route.name(), route.paths(), route.methods(), route.description(),
					route.labels());
		}

	}

}

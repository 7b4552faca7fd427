package io.portico.admin.publish;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.portico.compiler.model.RouteSpec;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The current version of a published service with its routes and runtime configuration.
 *
 * @param service the service and its current version, as listed (flat on the wire)
 * @param routes the routes of the current version
 * @param runtime the runtime configuration in this group
 * @param canary the active canary, {@code null} when none
 */
@Schema(description = "The current version of a published service, with its routes and runtime configuration.")
public record PublishedServiceDetailResponse(@JsonUnwrapped PublishedServiceResponse service,
		@Schema(description = "Routes of the current version, as published.") List<RouteView> routes,
		@Schema(description = "Runtime configuration in this group.") RuntimeView runtime,
		@Schema(description = "The active canary; null when none.", nullable = true) CanaryView canary) {

	public PublishedServiceDetailResponse {
		routes = List.copyOf(routes);
	}

	static PublishedServiceDetailResponse of(PublishedServiceRow service, PublishedVersionRow version) {
		return new PublishedServiceDetailResponse(PublishedServiceResponse.of(service, version),
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

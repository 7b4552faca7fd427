package io.portico.admin.publish.history;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.portico.admin.publish.PublishedServiceDetailResponse;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The differences between the routes of two published versions of a service, matched by
 * route id.
 *
 * @param a the first version
 * @param b the second version
 * @param added routes of {@code b} that {@code a} lacks
 * @param removed routes of {@code a} that {@code b} lacks
 * @param changed routes of both that differ, field by field
 * @param unchanged the number of routes equal in both
 */
@Schema(description = "What changes from version `a` to version `b`: routes are matched by id (template route ids"
		+ " are stable across versions) and compared on name, paths, methods, description and labels.")
public record VersionDiffResponse(@Schema(description = "The version compared from.") Side a,
		@Schema(description = "The version compared to.") Side b,
		@ArraySchema(arraySchema = @Schema(
				description = "Routes in `b` but not in `a`.")) List<PublishedServiceDetailResponse.RouteView> added,
		@ArraySchema(arraySchema = @Schema(
				description = "Routes in `a` but not in `b`.")) List<PublishedServiceDetailResponse.RouteView> removed,
		@ArraySchema(arraySchema = @Schema(description = "Routes in both that differ.")) List<ChangedRoute> changed,
		@Schema(description = "Number of routes equal in both.", example = "3") int unchanged) {

	/**
	 * Creates the response.
	 * @param a the first version
	 * @param b the second version
	 * @param added routes of {@code b} that {@code a} lacks
	 * @param removed routes of {@code a} that {@code b} lacks
	 * @param changed routes of both that differ, field by field
	 * @param unchanged the number of routes equal in both
	 */
	public VersionDiffResponse {
		added = List.copyOf(added);
		removed = List.copyOf(removed);
		changed = List.copyOf(changed);
	}

	/**
	 * One side of the comparison.
	 *
	 * @param gatewayGroupId the group
	 * @param version the version string
	 * @param versionId the version id
	 */
	@Schema(description = "A version of the service in a group.")
	public record Side(
			@JsonProperty("gateway_group_id") @Schema(description = "Gateway group.",
					example = "test") String gatewayGroupId,
			@Schema(description = "Version.", example = "1.0.0") String version,
			@JsonProperty("version_id") @Schema(description = "Version id.",
					example = "0f8e7b1c-9d2a-4c53-8a57-3b1f2e4d5c6a") String versionId) {

	}

	/**
	 * A route present in both versions with different fields.
	 *
	 * @param routeId the route id
	 * @param name the route's name in {@code b}
	 * @param changes the fields that differ
	 */
	@Schema(description = "A route of both versions whose fields differ.")
	public record ChangedRoute(
			@JsonProperty("route_id") @Schema(description = "Route id.",
					example = "getting-started-anything") String routeId,
			@Schema(description = "Route name in `b`.", example = "getting-started-anything") String name,
			@ArraySchema(arraySchema = @Schema(description = "The fields that differ.")) List<FieldChange> changes) {

		/**
		 * Creates the route change.
		 * @param routeId the route id
		 * @param name the route's name in {@code b}
		 * @param changes the fields that differ
		 */
		public ChangedRoute {
			changes = List.copyOf(changes);
		}

	}

	/**
	 * One field that differs.
	 *
	 * @param field {@code name}, {@code paths}, {@code methods}, {@code description} or
	 * {@code labels}
	 * @param from the value in {@code a}
	 * @param to the value in {@code b}
	 */
	@Schema(description = "One field of a route that differs.")
	public record FieldChange(
			@Schema(description = "`name`, `paths`, `methods`, `description` or `labels`.",
					example = "paths") String field,
			@Schema(description = "Value in `a`.", example = "[\"/anything/*\"]") Object from,
			@Schema(description = "Value in `b`.", example = "[\"/anything/v2/*\"]") Object to) {

	}

}

package io.portico.admin.declarative;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a sync does (or did) to a gateway group within its scope.
 *
 * @param gatewayGroupId the group
 * @param configRevision the group's config revision the plan was computed against
 * @param changes each change, in file order; nothing outside the scope
 * @param summary how many changes of each action
 * @param notInFile services in the scope that the file does not list: unpublished only
 * with {@code delete}
 * @param applied whether the changes were applied
 */
@Schema(description = "What a declarative sync does to a gateway group within its scope.")
public record DeclarativePlan(
		@JsonProperty("gateway_group_id") @Schema(description = "Gateway group.",
				example = "default") String gatewayGroupId,
		@JsonProperty("config_revision") @Schema(
				description = "The group's config revision the plan was computed against (sync's plan_revision).",
				example = "12") long configRevision,
		@Schema(description = "Each change, in file order.") List<Change> changes,
		@Schema(description = "How many changes of each action.") Map<String, Integer> summary,
		@JsonProperty("not_in_file") @Schema(
				description = "Services in the scope that the file does not list; unpublished only with delete.") List<String> notInFile,
		@Schema(description = "Whether the changes were applied.") boolean applied) {

	/**
	 * One change.
	 *
	 * @param action {@code create}, {@code update}, {@code delete}, {@code publish},
	 * {@code unpublish} or {@code not_in_file}
	 * @param resource {@code service_template}, {@code template_route} or
	 * {@code published_version}
	 * @param service the service name
	 * @param name the route name, or the version
	 * @param version the version published or unpublished, or {@code null}
	 * @param detail what changes, readable
	 */
	@Schema(description = "One change of a plan.")
	public record Change(@Schema(example = "publish") String action,
			@Schema(example = "published_version") String resource, @Schema(example = "httpbin") String service,
			@Schema(example = "getting-started-anything") String name, @Schema(example = "1.0.1") String version,
			@Schema(example = "routes changed") String detail) {

	}

}

package io.portico.admin.publish.history;

import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.audit.Audited;
import io.portico.admin.publish.PublishedServiceDetailResponse;
import io.portico.admin.publish.ServicePath;
import io.portico.admin.web.ListResponse;
import io.portico.admin.web.PageParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The version history of a published service: list, compare, roll back.
 */
@RestController
@RequestMapping("/api/gateway_groups/{gg}/services")
@Tag(name = "Version history", description = "Versions of a service in a gateway group: list, compare, roll back.")
class VersionHistoryController {

	private final VersionHistoryService versions;

	VersionHistoryController(VersionHistoryService versions) {
		this.versions = versions;
	}

	@GetMapping("/{serviceId}/versions")
	@Permitted(value = Permission.GROUP_READ, group = "#path.groupId()")
	@Operation(summary = "List the versions of a published service",
			description = "Version history in this group, newest first; `current` marks the one served. Also"
					+ " answers after the service was unpublished from the group.")
	Mono<ListResponse<VersionResponse>> versions(@ParameterObject ServicePath path,
			@ParameterObject PageParams paging) {
		return Mono.fromSupplier(() -> paging.query())
			.flatMap((query) -> this.versions.versions(path.groupId(), path.serviceId(), query));
	}

	@PostMapping("/{serviceId}/rollback")
	@Permitted(value = Permission.GROUP_PUBLISH, group = "#path.groupId()")
	@Audited(action = "rollback", resource = "published_service", id = "#path.serviceId()")
	@Operation(summary = "Roll back to an earlier version",
			description = "A version of this service in this group's history becomes current again; the runtime"
					+ " configuration stays. 404 when the group never had that version, 409 when it is already"
					+ " current or a canary is active. Bumps the group's config revision.")
	Mono<PublishedServiceDetailResponse> rollback(@ParameterObject ServicePath path,
			@Valid @RequestBody RollbackRequest request) {
		return this.versions.rollback(path.groupId(), path.serviceId(), request);
	}

	@GetMapping("/{serviceId}/versions/{a}/diff/{b}")
	@Permitted(value = Permission.GROUP_READ, group = "#groupId")
	@Permitted(value = Permission.GROUP_READ, group = "#bGroupId ?: #groupId")
	@Operation(summary = "Compare two versions",
			description = "Routes added, removed and changed (field by field) from version `a` of this group to"
					+ " version `b` of this group, or of `b_gateway_group_id`.")
	Mono<VersionDiffResponse> diff(
			@Parameter(description = "Gateway group id of version `a`.",
					example = "default") @PathVariable("gg") String groupId,
			@Parameter(description = "Service (template) id.",
					example = "httpbin") @PathVariable("serviceId") String serviceId,
			@Parameter(description = "Version compared from.", example = "1.0.0") @PathVariable("a") String a,
			@Parameter(description = "Version compared to.", example = "1.1.0") @PathVariable("b") String b,
			@Parameter(description = "Gateway group of version `b`; default the same group.",
					example = "prod") @RequestParam(name = "b_gateway_group_id", required = false) String bGroupId) {
		return this.versions.diff(groupId, serviceId, a, b, bGroupId);
	}

}

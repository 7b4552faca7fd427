package io.portico.admin.publish;

import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.audit.Audited;
import io.portico.admin.web.ListResponse;
import io.portico.admin.web.PageParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a gateway group serves now: list, read, replace the runtime configuration,
 * unpublish.
 */
@RestController
@RequestMapping("/api/gateway_groups/{gg}/services")
@Tag(name = "Published services",
		description = "What a gateway group serves: current versions and their runtime configuration.")
class PublishedServiceController {

	private final PublishedStateService service;

	PublishedServiceController(PublishedStateService service) {
		this.service = service;
	}

	@GetMapping
	@Permitted(value = Permission.GROUP_READ, group = "#groupId")
	@Operation(summary = "List the services published in a group",
			description = "Each published service with its current version in this group.")
	Mono<ListResponse<PublishedServiceResponse>> list(
			@Parameter(description = "Gateway group id.", example = "default") @PathVariable("gg") String groupId,
			@ParameterObject PageParams paging) {
		return Mono.fromSupplier(() -> paging.query()).flatMap((query) -> this.service.list(groupId, query));
	}

	@GetMapping("/{serviceId}")
	@Permitted(value = Permission.GROUP_READ, group = "#path.groupId()")
	@Operation(summary = "Get a published service",
			description = "The current version in this group with its routes and runtime configuration.")
	Mono<PublishedServiceDetailResponse> get(@ParameterObject ServicePath path) {
		return this.service.get(path.groupId(), path.serviceId());
	}

	@DeleteMapping("/{serviceId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Permitted(value = Permission.GROUP_PUBLISH, group = "#path.groupId()")
	@Audited(action = "unpublish", resource = "published_service", id = "#path.serviceId()")
	@Operation(summary = "Unpublish a service from a group",
			description = "The group's gateways stop serving it; its canary goes with it and its version history"
					+ " stays. Bumps the group's config revision.")
	Mono<Void> unpublish(@ParameterObject ServicePath path) {
		return this.service.unpublish(path.groupId(), path.serviceId());
	}

	@PutMapping("/{serviceId}/runtime")
	@Permitted(value = Permission.GROUP_PUBLISH, group = "#path.groupId()")
	@Audited(action = "update_runtime", resource = "published_service", id = "#path.serviceId()")
	@Operation(summary = "Replace the runtime configuration of a published service",
			description = "Upstream, hosts, path prefix, pass_host and timeouts in this group, checked against the"
					+ " current version's routes. Nodes stay nodes and discovery stays discovery: switching is a"
					+ " 409 (use a canary). Bumps the group's config revision.")
	Mono<PublishedServiceDetailResponse> updateRuntime(@ParameterObject ServicePath path,
			@Valid @RequestBody RuntimeRequest request) {
		return this.service.updateRuntime(path.groupId(), path.serviceId(), request);
	}

}

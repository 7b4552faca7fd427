package io.portico.admin.group;

import io.portico.admin.access.Caller;
import io.portico.admin.access.Callers;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/gateway_groups")
@Tag(name = "Gateway groups", description = "Sets of gateway instances that serve the same configuration.")
class GatewayGroupController {

	private final GatewayGroupService service;

	GatewayGroupController(GatewayGroupService service) {
		this.service = service;
	}

	@GetMapping
	@Permitted(Permission.GROUP_READ)
	@Operation(summary = "List gateway groups", description = "Gateway groups by name, one page at a time.")
	Mono<ListResponse<GatewayGroupResponse>> list(@ParameterObject PageParams paging) {
		return Mono.fromSupplier(() -> paging.query()).zipWith(Callers.current()).flatMap((request) -> {
			Caller caller = request.getT2();
			if (caller.grants().allowsEverywhere(Permission.GROUP_READ)) {
				return this.service.list(request.getT1());
			}
			return this.service.list(request.getT1(), (group) -> caller.can(Permission.GROUP_READ, group));
		});
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Permitted(Permission.GROUPS_MANAGE)
	@Audited(action = "create", resource = "gateway_group", id = "#result?.id()", group = "#request.id()")
	@Operation(summary = "Create a gateway group",
			description = "Creates an empty group; gateways started with its id join it. Names are unique (409).")
	Mono<GatewayGroupResponse> create(@Valid @RequestBody GatewayGroupRequest request) {
		return this.service.create(request);
	}

	@GetMapping("/{id}")
	@Permitted(value = Permission.GROUP_READ, group = "#id")
	@Operation(summary = "Get a gateway group", description = "One group with its current config revision.")
	Mono<GatewayGroupResponse> get(@Parameter(description = "Group id.", example = "default") @PathVariable String id) {
		return this.service.require(id, "id").map(GatewayGroupResponse::of);
	}

	@PutMapping("/{id}")
	@Permitted(value = Permission.GROUP_ADMIN, group = "#id")
	@Audited(action = "update", resource = "gateway_group", id = "#id")
	@Operation(summary = "Update a gateway group",
			description = "Replaces name, description and labels. Does not change what the group serves.")
	Mono<GatewayGroupResponse> update(
			@Parameter(description = "Group id.", example = "default") @PathVariable String id,
			@Valid @RequestBody GatewayGroupRequest request) {
		return this.service.update(id, request);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Permitted(Permission.GROUPS_MANAGE)
	@Audited(action = "delete", resource = "gateway_group", id = "#id", group = "#id")
	@Operation(summary = "Delete a gateway group",
			description = "Refused with 409 while anything is published in the group or gateway instances are connected.")
	Mono<Void> delete(@Parameter(description = "Group id.", example = "test") @PathVariable String id) {
		return this.service.delete(id);
	}

}

package io.portico.admin.instance;

import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;

import io.portico.admin.web.ListResponse;
import io.portico.admin.web.PageParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Gateway instances", description = "Running gateways of a group, as they report themselves.")
class GatewayInstanceController {

	private final GatewayInstanceService instances;

	GatewayInstanceController(GatewayInstanceService instances) {
		this.instances = instances;
	}

	@GetMapping("/api/gateway_groups/{id}/instances")
	@Permitted(value = Permission.GROUP_READ, group = "#id")
	@Operation(summary = "List the gateway instances of a group",
			description = "Each instance with its computed status, last heartbeat, applied config revision and"
					+ " the configuration errors it reported.")
	Mono<ListResponse<GatewayInstanceResponse>> list(
			@Parameter(description = "Group id.", example = "default") @PathVariable String id,
			@ParameterObject PageParams paging) {
		return Mono.fromSupplier(() -> paging.query()).flatMap((query) -> this.instances.list(id, query));
	}

}

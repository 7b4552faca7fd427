package io.portico.admin.instance;

import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.portico.admin.config.AdminProperties;
import io.portico.admin.group.GatewayGroupService;
import io.portico.admin.store.JsonColumns;
import io.portico.admin.web.ListResponse;
import io.portico.admin.web.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Gateway instances", description = "Running gateways of a group, as they report themselves.")
class GatewayInstanceController {

	private final GatewayGroupService groups;

	private final GatewayInstanceRepository instances;

	private final JsonColumns json;

	private final Clock clock;

	private final AdminProperties.Instances thresholds;

	GatewayInstanceController(GatewayGroupService groups, GatewayInstanceRepository instances, JsonColumns json,
			Clock clock, AdminProperties properties) {
		this.groups = groups;
		this.instances = instances;
		this.json = json;
		this.clock = clock;
		this.thresholds = properties.instances();
	}

	@GetMapping("/api/gateway_groups/{id}/instances")
	@Permitted(value = Permission.GROUP_READ, group = "#id")
	@Operation(summary = "List the gateway instances of a group",
			description = "Each instance with its computed status, last heartbeat, applied config revision and"
					+ " the configuration errors it reported.")
	Mono<ListResponse<GatewayInstanceResponse>> list(
			@Parameter(description = "Group id.", example = "default") @PathVariable String id,
			@Parameter(description = "Page number, from 1.", example = "1") @RequestParam(name = "page",
					required = false) Integer page,
			@Parameter(description = "Items per page, 1 to 500.", example = "20") @RequestParam(name = "page_size",
					required = false) Integer pageSize) {
		return Mono.fromSupplier(() -> PageQuery.of(page, pageSize))
			.flatMap((query) -> this.groups.require(id, "gateway_group_id")
				.then(this.instances.findPage(id, query.offset(), query.pageSize()).map(this::toResponse).collectList())
				.zipWith(this.instances.count(id), ListResponse::new));
	}

	private GatewayInstanceResponse toResponse(GatewayInstanceRow row) {
		Duration age = Duration.between(row.lastHeartbeatAt().toInstant(), Instant.now(this.clock));
		InstanceStatus status = InstanceStatus.of(age, row.configStatus(), this.thresholds.lostAfter(),
				this.thresholds.offlineAfter());
		return new GatewayInstanceResponse(row.id(), row.hostname(), row.address(), row.softwareVersion(),
				row.configRevision(), status, row.lastHeartbeatAt(), row.startedAt(),
				this.json.readObjectArray(row.configErrors()), this.json.readObjectArray(row.discovery()));
	}

}

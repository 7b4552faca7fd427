package io.portico.admin.publish.canary;

import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.audit.Audited;
import io.portico.admin.publish.CanaryView;
import io.portico.admin.publish.PublishedServiceDetailResponse;
import io.portico.admin.publish.ServicePath;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/gateway_groups/{gg}/services/{serviceId}/canary")
@Tag(name = "Canary", description = "Shift traffic of a published service to another upstream or version.")
class CanaryController {

	private final CanaryService service;

	CanaryController(CanaryService service) {
		this.service = service;
	}

	@PutMapping
	@Permitted(value = Permission.GROUP_PUBLISH, group = "#path.groupId()")
	@Audited(action = "canary", resource = "published_service", id = "#path.serviceId()")
	@Operation(summary = "Start or replace the canary of a published service",
			description = "For all routes of the service, the canary side takes `weight` percent of the requests"
					+ " that meet `conditions`. The canary side is another upstream (nodes or discovery through a"
					+ " registry of this group) or another version of this service's history in this group. The"
					+ " canary is compiled like a publish; the group's config revision is bumped once.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = CanaryView.class))))
	Mono<PublishedServiceDetailResponse> put(@ParameterObject ServicePath path, @RequestBody JsonNode body) {
		return this.service.put(path.groupId(), path.serviceId(), body);
	}

	@DeleteMapping
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Permitted(value = Permission.GROUP_PUBLISH, group = "#path.groupId()")
	@Audited(action = "abort_canary", resource = "published_service", id = "#path.serviceId()")
	@Operation(summary = "Abort the canary",
			description = "Removes the canary; the service stays as it is. 404 when there is no canary.")
	Mono<Void> abort(@ParameterObject ServicePath path) {
		return this.service.abort(path.groupId(), path.serviceId());
	}

	@PostMapping("/finish")
	@Permitted(value = Permission.GROUP_PUBLISH, group = "#path.groupId()")
	@Audited(action = "finish_canary", resource = "published_service", id = "#path.serviceId()")
	@Operation(summary = "Finish the canary",
			description = "`side: canary` makes the canary the baseline: its upstream becomes the runtime upstream"
					+ " (the only way to move between nodes and discovery), or its version becomes current."
					+ " `side: baseline` keeps the service as it is. The canary is removed either way.")
	Mono<PublishedServiceDetailResponse> finish(@ParameterObject ServicePath path,
			@RequestBody CanaryFinishRequest request) {
		return this.service.finish(path.groupId(), path.serviceId(), request);
	}

}

package io.portico.admin.publish;

import io.portico.admin.access.Callers;
import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.audit.Audited;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Publish", description = "Publish service template versions to gateway groups.")
class PublishController {

	private final PublishService service;

	PublishController(PublishService service) {
		this.service = service;
	}

	@PostMapping("/api/services/publish")
	@Permitted(value = Permission.GROUP_PUBLISH, group = "#request.gatewayGroupId()")
	@Audited(action = "publish", resource = "published_service",
			id = "T(String).join(',', #request.services().![templateId()])")
	@Operation(summary = "Publish service versions to a gateway group",
			description = "Snapshots each template's routes as a new version and makes it current in the group,"
					+ " with the given runtime configuration (upstream nodes or discovery, hosts, path prefix,"
					+ " timeouts). All or nothing: everything is validated with the gateway's compiler first, then"
					+ " written in one transaction that bumps the group's config revision once and notifies its"
					+ " gateways. A republish without `upstream` keeps the current runtime configuration; switching"
					+ " between nodes and discovery is refused (409: use a canary).")
	Mono<PublishResponse> publish(@Valid @RequestBody PublishRequest request) {
		return Callers.current().flatMap((caller) -> this.service.publish(request, caller.username()));
	}

}

package io.portico.admin.publish.promote;

import io.portico.admin.access.Callers;
import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.audit.Audited;
import io.portico.admin.publish.PublishResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Promote: copies current versions from one gateway group to another. The path is
 * {@code /api/services/sync} because API7 names this operation "sync"; everywhere else
 * (code, API tag, docs) it is "promote".
 */
@RestController
@Tag(name = "Promote", description = "Promote current versions from one gateway group to another.")
class PromoteController {

	private final PromoteService service;

	PromoteController(PromoteService service) {
		this.service = service;
	}

	@PostMapping("/api/services/sync")
	@Permitted(value = Permission.GROUP_PUBLISH, group = "#request.targetGatewayGroupId()")
	@Permitted(value = Permission.GROUP_READ, group = "#request.sourceGatewayGroupId()")
	@Audited(action = "promote", resource = "published_service")
	@Operation(summary = "Promote current versions to another gateway group",
			description = "Copies each service's current version in the source group (same version string, same"
					+ " routes) to the target group and makes it current there, with the target's own runtime"
					+ " configuration. All or nothing, one transaction, the target's config revision bumped once. A"
					+ " version string the target already has is made current again if its routes are the same"
					+ " (nothing happens when it is already current) and refused with 409 if they differ. Refused"
					+ " with 409 while the service has a canary in the target group.")
	Mono<PublishResponse> promote(@Valid @RequestBody PromoteRequest request) {
		return Callers.current().flatMap((caller) -> this.service.promote(request, caller.username()));
	}

}

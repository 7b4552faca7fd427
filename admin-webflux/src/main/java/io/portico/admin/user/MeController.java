package io.portico.admin.user;

import io.portico.admin.access.Callers;
import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who am I: the caller's profile and permissions, which the dashboard and the CLI use to
 * show only what is allowed.
 */
@RestController
@Tag(name = "Me", description = "The signed-in user, their API tokens and sign-in.")
class MeController {

	private final UserService service;

	MeController(UserService service) {
		this.service = service;
	}

	@GetMapping("/api/me")
	@Permitted(Permission.SIGNED_IN)
	@Operation(summary = "Who am I",
			description = "The caller's user, roles and the permissions of this request (narrowed by the token"
					+ " used, if it is narrowed).")
	Mono<MeResponse> me() {
		return Callers.current().flatMap((caller) -> this.service.me(caller, caller.grants().narrowedTo()));
	}

}

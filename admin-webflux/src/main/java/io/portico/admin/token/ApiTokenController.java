package io.portico.admin.token;

import io.portico.admin.access.Callers;
import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.audit.Audited;
import io.portico.admin.web.ListResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * API tokens: the caller's own under {@code /api/tokens}, anyone's under
 * {@code /api/users/{id}/tokens} for super admins.
 */
@RestController
@Tag(name = "API tokens", description = "Tokens for scripts and the CLI, sent as `X-API-KEY` or `Authorization:"
		+ " Bearer`. Shown once at creation; only a hash is stored.")
class ApiTokenController {

	private final ApiTokenService service;

	ApiTokenController(ApiTokenService service) {
		this.service = service;
	}

	@GetMapping("/api/tokens")
	@Permitted(Permission.SIGNED_IN)
	@Operation(summary = "List my API tokens",
			description = "Name, prefix, roles, expiry and last use; never the token.")
	Mono<ListResponse<ApiTokenResponse>> listOwn() {
		return Callers.current().flatMap((caller) -> this.service.list(caller.userId()));
	}

	@PostMapping("/api/tokens")
	@ResponseStatus(HttpStatus.CREATED)
	@Permitted(Permission.SIGNED_IN)
	@Audited(action = "create", resource = "api_token", id = "#result?.id()")
	@Operation(summary = "Create an API token for myself",
			description = "The answer holds the token: the only time it is shown. Expires in 30 days unless"
					+ " `expires_at` is given; `never_expires` for super admins only. `roles` narrows it to some of"
					+ " my roles (never more).")
	Mono<ApiTokenResponse> createOwn(@Valid @RequestBody ApiTokenRequest request) {
		return Callers.current().flatMap((caller) -> this.service.create(caller.userId(), request));
	}

	@DeleteMapping("/api/tokens/{tokenId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Permitted(Permission.SIGNED_IN)
	@Audited(action = "revoke", resource = "api_token", id = "#tokenId")
	@Operation(summary = "Revoke one of my API tokens", description = "The token stops working at once.")
	Mono<Void> revokeOwn(@Parameter(description = "Token id.") @PathVariable String tokenId) {
		return Callers.current().flatMap((caller) -> this.service.revoke(caller.userId(), tokenId));
	}

	@GetMapping("/api/users/{id}/tokens")
	@Permitted(Permission.USERS_MANAGE)
	@Operation(summary = "List a user's API tokens", description = "Never the tokens themselves.")
	Mono<ListResponse<ApiTokenResponse>> list(@Parameter(description = "User id.") @PathVariable String id) {
		return this.service.list(id);
	}

	@PostMapping("/api/users/{id}/tokens")
	@ResponseStatus(HttpStatus.CREATED)
	@Permitted(Permission.USERS_MANAGE)
	@Audited(action = "create", resource = "api_token", id = "#result?.id()")
	@Operation(summary = "Create an API token for a user",
			description = "For a user without a password (a CI account, say). Shown once.")
	Mono<ApiTokenResponse> create(@Parameter(description = "User id.") @PathVariable String id,
			@Valid @RequestBody ApiTokenRequest request) {
		return this.service.create(id, request);
	}

	@DeleteMapping("/api/users/{id}/tokens/{tokenId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Permitted(Permission.USERS_MANAGE)
	@Audited(action = "revoke", resource = "api_token", id = "#tokenId")
	@Operation(summary = "Revoke a user's API token", description = "The token stops working at once.")
	Mono<Void> revoke(@Parameter(description = "User id.") @PathVariable String id,
			@Parameter(description = "Token id.") @PathVariable String tokenId) {
		return this.service.revoke(id, tokenId);
	}

}

package io.portico.admin.security;

import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.access.Public;
import io.portico.admin.audit.Audited;
import io.portico.admin.user.UserService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

/**
 * Password sign-in and sign-out over the API: a session cookie plus a CSRF token. The
 * sign-in itself ({@link PasswordSignIn}) is shared with the dashboard.
 */
@RestController
@Tag(name = "Me")
class LoginController {

	private final PasswordSignIn signIn;

	private final UserService userService;

	LoginController(PasswordSignIn signIn, UserService userService) {
		this.signIn = signIn;
		this.userService = userService;
	}

	@PostMapping("/api/login")
	@Public
	@SecurityRequirements
	@Operation(summary = "Sign in with a password",
			description = "Starts a session (cookie `SESSION`) and answers the user with a `csrf_token` to send as"
					+ " `X-CSRF-TOKEN` on state-changing requests. 401 for a wrong name or password; 429 with"
					+ " `Retry-After` after too many failures for the user or from the address.")
	Mono<LoginResponse> login(@Valid @RequestBody LoginRequest request, ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		Mono<String> csrf = (token != null) ? token.map(CsrfToken::getToken).defaultIfEmpty("") : Mono.just("");
		return this.signIn.signIn(request.username(), request.password(), exchange)
			.flatMap((caller) -> this.userService.me(caller, null))
			.zipWith(csrf, LoginResponse::new);
	}

	@PostMapping("/api/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Permitted(Permission.SIGNED_IN)
	@Audited(action = "logout", resource = "session")
	@Operation(summary = "Sign out", description = "Ends the session; API tokens are not affected.")
	Mono<Void> logout(ServerWebExchange exchange) {
		return exchange.getSession().flatMap(WebSession::invalidate);
	}

}

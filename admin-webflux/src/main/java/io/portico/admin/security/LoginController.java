package io.portico.admin.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.access.PorticoAuthentication;
import io.portico.admin.access.PorticoPrincipal;
import io.portico.admin.access.Public;
import io.portico.admin.audit.AuditActor;
import io.portico.admin.audit.AuditEvent;
import io.portico.admin.audit.AuditLog;
import io.portico.admin.audit.AuditOutcome;
import io.portico.admin.audit.Audited;
import io.portico.admin.audit.RequestOrigin;
import io.portico.admin.audit.RequestOriginFilter;
import io.portico.admin.user.UserRow;
import io.portico.admin.user.UserService;
import io.portico.admin.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

/**
 * Password sign-in and sign-out for the dashboard: a session cookie plus a CSRF token.
 * Failed sign-ins are audited and throttled per user and per address.
 */
@RestController
@Tag(name = "Me")
class LoginController {

	private final UserService userService;

	private final AccessService access;

	private final PasswordEncoder passwordEncoder;

	private final LoginThrottle throttle;

	private final AuditLog audit;

	private final RequestOriginFilter origins;

	private final ServerSecurityContextRepository sessions;

	/** Compared against when the user does not exist, so that both cases take as long. */
	private final String unknownUserHash;

	LoginController(UserService userService, AccessService access, PasswordEncoder passwordEncoder,
			LoginThrottle throttle, AuditLog audit, RequestOriginFilter origins,
			ServerSecurityContextRepository sessions) {
		this.userService = userService;
		this.access = access;
		this.passwordEncoder = passwordEncoder;
		this.throttle = throttle;
		this.audit = audit;
		this.origins = origins;
		this.sessions = sessions;
		this.unknownUserHash = passwordEncoder.encode("not a password of anyone " + System.nanoTime());
	}

	@PostMapping("/api/login")
	@Public
	@SecurityRequirements
	@Operation(summary = "Sign in with a password",
			description = "Starts a session (cookie `SESSION`) and answers the user with a `csrf_token` to send as"
					+ " `X-CSRF-TOKEN` on state-changing requests. 401 for a wrong name or password; 429 with"
					+ " `Retry-After` after too many failures for the user or from the address.")
	Mono<LoginResponse> login(@Valid @RequestBody LoginRequest request, ServerWebExchange exchange) {
		RequestOrigin origin = this.origins.origin(exchange);
		String username = request.username().strip();
		Duration locked = this.throttle.lockedFor(username, origin.sourceIp());
		if (!locked.isZero()) {
			long seconds = Math.max(1, locked.toSeconds());
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			return refuse(username, null, origin, 429,
					"sign-in locked after repeated failures; retry in " + seconds + " s",
					new ApiException(HttpStatus.TOO_MANY_REQUESTS,
							"Too many failed sign-ins; retry in " + seconds + " s", List.of()));
		}
		return this.userService.findByUsername(username)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((user) -> matches(request.password(), user.orElse(null)).flatMap((ok) -> {
				if (!ok) {
					this.throttle.failed(username, origin.sourceIp());
					return refuse(username, user.map(UserRow::id).orElse(null), origin, 401,
							"wrong username or password",
							new ApiException(HttpStatus.UNAUTHORIZED, "Wrong username or password", List.of()));
				}
				this.throttle.succeeded(username);
				return signIn(user.get(), origin, exchange);
			}));
	}

	@PostMapping("/api/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Permitted(Permission.SIGNED_IN)
	@Audited(action = "logout", resource = "session")
	@Operation(summary = "Sign out", description = "Ends the session; API tokens are not affected.")
	Mono<Void> logout(ServerWebExchange exchange) {
		return exchange.getSession().flatMap(WebSession::invalidate);
	}

	private Mono<Boolean> matches(String password, UserRow user) {
		boolean usable = user != null && user.enabled() && user.passwordHash() != null;
		String hash = usable ? user.passwordHash() : this.unknownUserHash;
		// bcrypt takes tens of milliseconds on purpose: never on an event loop.
		return Mono.fromCallable(() -> this.passwordEncoder.matches(password, hash) && usable)
			.subscribeOn(Schedulers.boundedElastic());
	}

	private Mono<LoginResponse> signIn(UserRow user, RequestOrigin origin, ServerWebExchange exchange) {
		PorticoAuthentication authentication = new PorticoAuthentication(
				new PorticoPrincipal(user.id(), user.username(), null, null));
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		Mono<String> csrf = (token != null) ? token.map(CsrfToken::getToken).defaultIfEmpty("") : Mono.just("");
		AuditEvent event = new AuditEvent("login", "session", null, null, AuditOutcome.SUCCESS, 200, "", "");
		return exchange.getSession()
			// A new session id on sign-in: a session fixed by someone else is useless.
			.flatMap(WebSession::changeSessionId)
			.then(this.sessions.save(exchange, new SecurityContextImpl(authentication)))
			.then(this.userService.recordLogin(user.id()))
			.then(this.audit.recordAlone(new AuditActor(user.id(), user.username(), null), origin, event))
			.then(this.access.load(authentication.getPrincipal()))
			.flatMap((caller) -> this.userService.me(caller, null))
			.zipWith(csrf, LoginResponse::new);
	}

	private <T> Mono<T> refuse(String username, String userId, RequestOrigin origin, int status, String detail,
			ApiException error) {
		AuditEvent event = new AuditEvent("login", "session", null, null, AuditOutcome.DENIED, status, "", detail);
		return this.audit.recordAlone(new AuditActor(userId, username, null), origin, event).then(Mono.error(error));
	}

}

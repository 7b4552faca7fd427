package io.portico.admin.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.portico.admin.access.Caller;
import io.portico.admin.access.PorticoAuthentication;
import io.portico.admin.access.PorticoPrincipal;
import io.portico.admin.audit.AuditActor;
import io.portico.admin.audit.AuditEvent;
import io.portico.admin.audit.AuditLog;
import io.portico.admin.audit.AuditOutcome;
import io.portico.admin.audit.RequestOrigin;
import io.portico.admin.audit.RequestOriginFilter;
import io.portico.admin.user.UserRow;
import io.portico.admin.user.UserService;
import io.portico.admin.web.ApiException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

/**
 * Password sign-in, shared by {@code POST /api/login} and the dashboard's sign-in form:
 * checks the password off the event loop, throttles failures per user and per address,
 * audits every attempt, and on success stores the security context in a new session.
 */
@Component
public class PasswordSignIn {

	private final UserService userService;

	private final AccessService access;

	private final PasswordEncoder passwordEncoder;

	private final LoginThrottle throttle;

	private final AuditLog audit;

	private final RequestOriginFilter origins;

	private final ServerSecurityContextRepository sessions;

	/** Compared against when the user does not exist, so that both cases take as long. */
	private final String unknownUserHash;

	PasswordSignIn(UserService userService, AccessService access, PasswordEncoder passwordEncoder,
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

	/**
	 * Signs a user in for this exchange's session.
	 * @param username the sign-in name
	 * @param password the password
	 * @param exchange the exchange whose session is started
	 * @return the signed-in caller; 401 for a wrong name or password, 429 (with
	 * {@code Retry-After}) while locked after repeated failures
	 */
	public Mono<Caller> signIn(String username, String password, ServerWebExchange exchange) {
		RequestOrigin origin = this.origins.origin(exchange);
		String name = username.strip();
		Duration locked = this.throttle.lockedFor(name, origin.sourceIp());
		if (!locked.isZero()) {
			long seconds = Math.max(1, locked.toSeconds());
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			return refuse(name, null, origin, 429, "sign-in locked after repeated failures; retry in " + seconds + " s",
					new ApiException(HttpStatus.TOO_MANY_REQUESTS,
							"Too many failed sign-ins; retry in " + seconds + " s", List.of()));
		}
		return this.userService.findByUsername(name)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((user) -> matches(password, user.orElse(null)).flatMap((ok) -> {
				if (!ok) {
					this.throttle.failed(name, origin.sourceIp());
					return refuse(name, user.map(UserRow::id).orElse(null), origin, 401, "wrong username or password",
							new ApiException(HttpStatus.UNAUTHORIZED, "Wrong username or password", List.of()));
				}
				this.throttle.succeeded(name);
				return start(user.get(), origin, exchange);
			}));
	}

	private Mono<Boolean> matches(String password, UserRow user) {
		boolean usable = user != null && user.enabled() && user.passwordHash() != null;
		String hash = usable ? user.passwordHash() : this.unknownUserHash;
		// bcrypt takes tens of milliseconds on purpose: never on an event loop.
		return Mono.fromCallable(() -> this.passwordEncoder.matches(password, hash) && usable)
			.subscribeOn(Schedulers.boundedElastic());
	}

	private Mono<Caller> start(UserRow user, RequestOrigin origin, ServerWebExchange exchange) {
		PorticoAuthentication authentication = new PorticoAuthentication(
				new PorticoPrincipal(user.id(), user.username(), null, null));
		AuditEvent event = new AuditEvent("login", "session", null, null, AuditOutcome.SUCCESS, 200, "", "");
		return exchange.getSession()
			// A new session id on sign-in: a session fixed by someone else is useless.
			.flatMap(WebSession::changeSessionId)
			.then(this.sessions.save(exchange, new SecurityContextImpl(authentication)))
			.then(this.userService.recordLogin(user.id()))
			.then(this.audit.recordAlone(new AuditActor(user.id(), user.username(), null), origin, event))
			.then(this.access.load(authentication.getPrincipal()));
	}

	private <T> Mono<T> refuse(String username, String userId, RequestOrigin origin, int status, String detail,
			ApiException error) {
		AuditEvent event = new AuditEvent("login", "session", null, null, AuditOutcome.DENIED, status, "", detail);
		return this.audit.recordAlone(new AuditActor(userId, username, null), origin, event).then(Mono.error(error));
	}

}

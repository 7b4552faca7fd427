package io.portico.admin.security;

import java.util.List;

import io.portico.admin.audit.AuditActor;
import io.portico.admin.audit.AuditEvent;
import io.portico.admin.audit.AuditLog;
import io.portico.admin.audit.AuditOutcome;
import io.portico.admin.audit.RequestOriginFilter;
import io.portico.admin.token.ApiTokenRejectedException;
import io.portico.admin.web.ApiException;
import io.portico.admin.web.ProblemWebExceptionHandler;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * The security filters' refusals as RFC 9457 problems, like every other error of the
 * admin: {@code 401} without (valid) credentials, {@code 403} for a missing CSRF token. A
 * rejected API token is recorded in the audit log (with its id when known, never the
 * token).
 */
class SecurityProblems
		implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler, ServerAuthenticationFailureHandler {

	private final ProblemWebExceptionHandler problems;

	private final AuditLog audit;

	private final RequestOriginFilter origins;

	SecurityProblems(ProblemWebExceptionHandler problems, AuditLog audit, RequestOriginFilter origins) {
		this.problems = problems;
		this.audit = audit;
		this.origins = origins;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		return unauthorized(exchange, "Authentication required: send an API token as X-API-KEY or"
				+ " 'Authorization: Bearer', or sign in with POST /api/login");
	}

	@Override
	public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange, AuthenticationException ex) {
		ServerWebExchange exchange = webFilterExchange.getExchange();
		String tokenId = null;
		String userId = null;
		if (ex instanceof ApiTokenRejectedException rejected) {
			tokenId = rejected.getTokenId();
			userId = rejected.getUserId();
		}
		AuditEvent event = new AuditEvent("authenticate", "api_token", tokenId, null, AuditOutcome.DENIED, 401, "",
				ex.getMessage());
		return this.audit.recordAlone(new AuditActor(userId, null, tokenId), this.origins.origin(exchange), event)
			.onErrorResume((auditFailure) -> Mono.empty())
			.then(unauthorized(exchange, "Invalid, expired or revoked API token"));
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException ex) {
		return this.problems.handle(exchange, new ApiException(HttpStatus.FORBIDDEN,
				"Missing or invalid CSRF token: send the csrf_token of the sign-in as X-CSRF-TOKEN", List.of()));
	}

	private Mono<Void> unauthorized(ServerWebExchange exchange, String detail) {
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"portico\"");
		return this.problems.handle(exchange, new ApiException(HttpStatus.UNAUTHORIZED, detail, List.of()));
	}

}

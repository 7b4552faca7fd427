package io.portico.admin.security;

import io.portico.admin.access.PorticoAuthentication;
import io.portico.admin.token.ApiTokenService;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;

/**
 * Authenticates an API token against its stored hash, on every request: a revoked or
 * expired token stops working at once.
 */
class TokenAuthenticationManager implements ReactiveAuthenticationManager {

	private final ApiTokenService tokens;

	TokenAuthenticationManager(ApiTokenService tokens) {
		this.tokens = tokens;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		String token = String.valueOf(authentication.getCredentials());
		return this.tokens.authenticate(token).map(PorticoAuthentication::new);
	}

}

package io.portico.admin.security;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads an API token from {@code X-API-KEY} (API7's header) or
 * {@code Authorization: Bearer}; a request with neither goes on unauthenticated.
 */
class TokenAuthenticationConverter implements ServerAuthenticationConverter {

	/** API7's header for tokens. */
	static final String API_KEY_HEADER = "X-API-KEY";

	private static final String BEARER = "bearer ";

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		String token = token(exchange.getRequest().getHeaders());
		return (token != null) ? Mono.just(UsernamePasswordAuthenticationToken.unauthenticated("api-token", token))
				: Mono.empty();
	}

	/**
	 * Whether a request carries a token (and so needs no CSRF token).
	 * @param headers the request headers
	 * @return {@code true} if a token header is present
	 */
	static boolean hasToken(HttpHeaders headers) {
		return headers.containsHeader(API_KEY_HEADER) || headers.containsHeader(HttpHeaders.AUTHORIZATION);
	}

	private static String token(HttpHeaders headers) {
		List<String> apiKeys = headers.getOrEmpty(API_KEY_HEADER);
		if (!apiKeys.isEmpty()) {
			return apiKeys.get(0).strip();
		}
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return authorization.substring(BEARER.length()).strip();
		}
		if (authorization != null) {
			// Another scheme (Basic): authenticated by nothing here, so refused as bad
			// credentials rather than silently ignored.
			return "";
		}
		return null;
	}

}

package io.portico.admin.security;

import java.util.Set;

import io.portico.admin.audit.AuditLog;
import io.portico.admin.audit.RequestOriginFilter;
import io.portico.admin.token.ApiTokenService;
import io.portico.admin.web.ProblemWebExceptionHandler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import reactor.core.publisher.Mono;

/**
 * The admin's one security filter chain: everything needs an API token or a signed-in
 * session except the health probes, the sign-in and the API description. Which permission
 * each endpoint needs is declared on it ({@code @Permitted}) and checked by the access
 * package.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	/**
	 * Methods that change state: they need a CSRF token when sent with a session cookie.
	 */
	private static final Set<HttpMethod> UNSAFE = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
			HttpMethod.DELETE);

	/** The dashboard's sign-in page (GET) and form (POST). */
	static final String DASHBOARD_SIGN_IN = "/ui/login";

	/** The session cookie of Spring WebFlux. */
	static final String SESSION_COOKIE = "SESSION";

	@Bean
	SecurityWebFilterChain adminSecurity(ServerHttpSecurity http, ApiTokenService tokens,
			ProblemWebExceptionHandler problems, AuditLog audit, RequestOriginFilter origins,
			ServerSecurityContextRepository sessions) {
		SecurityProblems refusals = new SecurityProblems(problems, audit, origins);
		AuthenticationWebFilter tokenFilter = new AuthenticationWebFilter(new TokenAuthenticationManager(tokens));
		tokenFilter.setServerAuthenticationConverter(new TokenAuthenticationConverter());
		tokenFilter.setAuthenticationFailureHandler(refusals);
		return http.securityContextRepository(sessions)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.csrf((csrf) -> csrf.requireCsrfProtectionMatcher(SecurityConfiguration::needsCsrfToken)
				.accessDeniedHandler(refusals))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint(refusals))
				.accessDeniedHandler(refusals))
			.addFilterAt(tokenFilter, SecurityWebFiltersOrder.AUTHENTICATION)
			.authorizeExchange((exchanges) -> exchanges
				.pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info")
				.permitAll()
				.pathMatchers(HttpMethod.POST, "/api/login", DASHBOARD_SIGN_IN)
				.permitAll()
				.pathMatchers(HttpMethod.GET, "/", DASHBOARD_SIGN_IN, "/ui/assets/**", "/favicon.ico")
				.permitAll()
				.pathMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
						"/swagger-ui.html", "/swagger-ui/**", "/webjars/**")
				.permitAll()
				.anyExchange()
				.authenticated())
			.build();
	}

	/**
	 * A browser that opens a dashboard page without a session is sent to the sign-in
	 * page; the API answers 401 with a problem.
	 */
	private static ServerAuthenticationEntryPoint entryPoint(SecurityProblems refusals) {
		DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
				new DelegateEntry(new PathPatternParserServerWebExchangeMatcher("/ui/**"),
						new RedirectServerAuthenticationEntryPoint(DASHBOARD_SIGN_IN)));
		entryPoint.setDefaultEntryPoint(refusals);
		return entryPoint;
	}

	@Bean
	ServerSecurityContextRepository sessionSecurityContextRepository() {
		return new WebSessionServerSecurityContextRepository();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		// bcrypt now, with the {id} prefix so that a later default can be adopted
		// without invalidating stored hashes.
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * A state-changing request authenticated by its session cookie (a browser) needs the
	 * CSRF token; one carrying an API token cannot be forged by another site, and the
	 * sign-in itself has no session yet.
	 */
	private static Mono<MatchResult> needsCsrfToken(org.springframework.web.server.ServerWebExchange exchange) {
		var request = exchange.getRequest();
		boolean needed = UNSAFE.contains(request.getMethod())
				&& !TokenAuthenticationConverter.hasToken(request.getHeaders())
				&& request.getCookies().containsKey(SESSION_COOKIE)
				&& !"/api/login".equals(request.getPath().pathWithinApplication().value());
		return needed ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
	}

}

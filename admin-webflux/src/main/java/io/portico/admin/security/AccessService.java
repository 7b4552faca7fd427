package io.portico.admin.security;

import java.util.List;

import io.portico.admin.access.Caller;
import io.portico.admin.access.Grants;
import io.portico.admin.access.PorticoAuthentication;
import io.portico.admin.access.PorticoPrincipal;
import io.portico.admin.user.UserRepository;
import io.portico.admin.user.UserRoleRepository;
import io.portico.admin.user.UserRoleRow;
import io.portico.admin.web.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Service;

/**
 * Builds the {@link Caller} of a request from its authentication: the user must still
 * exist and be enabled, and the roles are read anew, so that a revoked role or a disabled
 * user takes effect on the next request.
 */
@Service
public class AccessService {

	private final UserRepository users;

	private final UserRoleRepository roles;

	public AccessService(UserRepository users, UserRoleRepository roles) {
		this.users = users;
		this.roles = roles;
	}

	/**
	 * The caller of the current request.
	 * @return the caller, or a 401 error
	 */
	public Mono<Caller> caller() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter(PorticoAuthentication.class::isInstance)
			.map((authentication) -> ((PorticoAuthentication) authentication).getPrincipal())
			.switchIfEmpty(Mono.error(() -> unauthorized("Authentication required")))
			.flatMap(this::load);
	}

	/**
	 * The caller a principal stands for now.
	 * @param principal who authenticated
	 * @return the caller, or a 401 error if the user is gone or disabled
	 */
	public Mono<Caller> load(PorticoPrincipal principal) {
		return this.users.findById(principal.userId())
			.filter((user) -> user.enabled())
			.switchIfEmpty(Mono.error(() -> unauthorized("The user no longer exists or is disabled")))
			.flatMap((user) -> this.roles.findByUser(user.id())
				.map(UserRoleRow::binding)
				.collectList()
				.map((bindings) -> new Caller(user.id(), user.username(), principal.tokenId(),
						new Grants(bindings, principal.tokenRoles()))));
	}

	private static ApiException unauthorized(String detail) {
		return new ApiException(HttpStatus.UNAUTHORIZED, detail, List.of());
	}

}

package io.portico.admin.token;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.portico.admin.access.Grants;
import io.portico.admin.access.PorticoPrincipal;
import io.portico.admin.access.Role;
import io.portico.admin.access.RoleBinding;
import io.portico.admin.store.Database;
import io.portico.admin.user.RoleRequest;
import io.portico.admin.user.UserRepository;
import io.portico.admin.user.UserRoleRepository;
import io.portico.admin.user.UserRoleRow;
import io.portico.admin.user.UserService;
import io.portico.admin.web.ApiException;
import io.portico.admin.web.ListResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists, revokes and checks API tokens.
 */
@Service
public class ApiTokenService {

	/** Lifetime of a token created without an expiry. */
	public static final Duration DEFAULT_LIFETIME = Duration.ofDays(30);

	private final ApiTokenRepository tokens;

	private final UserRepository users;

	private final UserRoleRepository roles;

	private final UserService userService;

	private final Database database;

	public ApiTokenService(ApiTokenRepository tokens, UserRepository users, UserRoleRepository roles,
			UserService userService, Database database) {
		this.tokens = tokens;
		this.users = users;
		this.roles = roles;
		this.userService = userService;
		this.database = database;
	}

	@Transactional(readOnly = true)
	public Mono<ListResponse<ApiTokenResponse>> list(String userId) {
		return this.userService.require(userId)
			.thenMany(this.tokens.findByUser(userId))
			.map((row) -> ApiTokenResponse.of(row, null))
			.collectList()
			.map((list) -> new ListResponse<>(list, list.size()));
	}

	/**
	 * Creates a token for a user and answers it, the only time it is shown.
	 * @param userId the owner
	 * @param request the request
	 * @return the token with its metadata
	 */
	@Transactional
	public Mono<ApiTokenResponse> create(String userId, ApiTokenRequest request) {
		return this.userService.require(userId)
			.then(this.roles.findByUser(userId).map(UserRoleRow::binding).collectList())
			.flatMap((owned) -> {
				Grants ownerGrants = new Grants(owned, null);
				OffsetDateTime now = this.database.now();
				return expiry(request, ownerGrants, now)
					.flatMap((expiresAt) -> narrowing(request, ownerGrants).map((narrowed) -> {
						String token = ApiTokens.generate();
						return new Created(new ApiTokenRow(UUID.randomUUID().toString(), userId, request.name().strip(),
								ApiTokens.hash(token), ApiTokens.shown(token), narrowed.orElse(null),
								expiresAt.orElse(null), null, now), token);
					}));
			})
			.flatMap((created) -> this.tokens.insert(created.row())
				.onErrorMap(DuplicateKeyException.class,
						(ex) -> ApiException.conflict("name", "a token with this name already exists"))
				.thenReturn(ApiTokenResponse.of(created.row(), created.token())));
	}

	/**
	 * Inserts a token with a known value, for the bootstrap super admin.
	 * @param userId the owner
	 * @param name the name
	 * @param token the token
	 * @return completion
	 */
	public Mono<Void> insertKnown(String userId, String name, String token) {
		return this.tokens.insert(new ApiTokenRow(UUID.randomUUID().toString(), userId, name, ApiTokens.hash(token),
				ApiTokens.shown(token), null, null, null, this.database.now()));
	}

	@Transactional
	public Mono<Void> revoke(String userId, String tokenId) {
		return this.userService.require(userId)
			.then(this.tokens.delete(userId, tokenId))
			.flatMap((count) -> (count == 0) ? Mono.error(ApiException.notFound("token_id", "API token", tokenId))
					: Mono.<Void>empty());
	}

	/**
	 * Authenticates a token: known (by hash), not expired, of an enabled user. Records
	 * its use.
	 * @param token the token as sent
	 * @return who it stands for, or an {@link ApiTokenRejectedException}
	 */
	public Mono<PorticoPrincipal> authenticate(String token) {
		if (!ApiTokens.looksLikeToken(token)) {
			return Mono.error(new ApiTokenRejectedException("malformed API token", null, null));
		}
		OffsetDateTime now = this.database.now();
		return this.tokens.findByHash(ApiTokens.hash(token))
			.switchIfEmpty(Mono.error(() -> new ApiTokenRejectedException("unknown or revoked API token", null, null)))
			.flatMap((row) -> {
				if (row.expiresAt() != null && !row.expiresAt().isAfter(now)) {
					return Mono.error(new ApiTokenRejectedException("expired API token", row.id(), row.userId()));
				}
				return this.users.findById(row.userId())
					.filter((user) -> user.enabled())
					.switchIfEmpty(Mono.error(() -> new ApiTokenRejectedException("API token of a disabled user",
							row.id(), row.userId())))
					.flatMap((user) -> this.tokens.recordUse(row.id(), now)
						.thenReturn(new PorticoPrincipal(user.id(), user.username(), row.id(), row.roles())));
			});
	}

	private Mono<Optional<OffsetDateTime>> expiry(ApiTokenRequest request, Grants owner, OffsetDateTime now) {
		if (Boolean.TRUE.equals(request.neverExpires())) {
			if (request.expiresAt() != null) {
				return Mono.error(ApiException.badRequest("expires_at", "must be absent when never_expires is true"));
			}
			if (!owner.user().stream().anyMatch((binding) -> binding.role() == Role.SUPER_ADMIN)) {
				return Mono.error(ApiException.badRequest("never_expires",
						"only a super admin's token may never expire; give an expires_at"));
			}
			return Mono.just(Optional.empty());
		}
		if (request.expiresAt() == null) {
			return Mono.just(Optional.of(now.plus(DEFAULT_LIFETIME)));
		}
		if (!request.expiresAt().isAfter(now)) {
			return Mono.error(ApiException.badRequest("expires_at", "must be in the future"));
		}
		return Mono.just(Optional.of(request.expiresAt()));
	}

	private Mono<Optional<List<RoleBinding>>> narrowing(ApiTokenRequest request, Grants owner) {
		if (request.roles() == null) {
			return Mono.just(Optional.empty());
		}
		if (request.roles().isEmpty()) {
			return Mono.error(ApiException.badRequest("roles", "must name at least one role, or be left out"));
		}
		List<Mono<RoleBinding>> checks = new ArrayList<>();
		for (int i = 0; i < request.roles().size(); i++) {
			RoleRequest role = request.roles().get(i);
			String field = "roles[" + i + "]";
			checks
				.add(this.userService.binding(role, field)
					.flatMap((binding) -> owner.covers(binding) ? Mono.just(binding)
							: Mono.error(ApiException.badRequest(field,
									"the user does not hold role '" + binding.role().value() + "' in '"
											+ binding.gatewayGroupId()
											+ "'; a token can be narrowed, never widened"))));
		}
		return Flux.concat(checks).collectList().map(Optional::of);
	}

	private record Created(ApiTokenRow row, String token) {

	}

}

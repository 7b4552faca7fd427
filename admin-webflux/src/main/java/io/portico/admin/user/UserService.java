package io.portico.admin.user;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.portico.admin.access.Caller;
import io.portico.admin.access.Role;
import io.portico.admin.access.RoleBinding;
import io.portico.admin.group.GatewayGroupRepository;
import io.portico.admin.store.Database;
import io.portico.admin.web.ApiException;
import io.portico.admin.web.ListResponse;
import io.portico.admin.web.PageQuery;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, edits and deletes users and their roles. The last enabled super admin can be
 * neither deleted, disabled nor lose the role: the admin is never left without one.
 */
@Service
public class UserService {

	private final UserRepository users;

	private final UserRoleRepository roles;

	private final GatewayGroupRepository groups;

	private final PasswordEncoder passwordEncoder;

	private final Database database;

	public UserService(UserRepository users, UserRoleRepository roles, GatewayGroupRepository groups,
			PasswordEncoder passwordEncoder, Database database) {
		this.users = users;
		this.roles = roles;
		this.groups = groups;
		this.passwordEncoder = passwordEncoder;
		this.database = database;
	}

	/**
	 * Finds a user by sign-in name.
	 * @param username the name
	 * @return the user, or empty
	 */
	public Mono<UserRow> findByUsername(String username) {
		return this.users.findByUsername(username);
	}

	/**
	 * Records a successful sign-in now.
	 * @param id the user
	 * @return completion
	 */
	public Mono<Void> recordLogin(String id) {
		return this.users.recordLogin(id, this.database.now());
	}

	/**
	 * Finds a user or fails with 404.
	 * @param id the id
	 * @return the user
	 */
	public Mono<UserRow> require(String id) {
		return this.users.findById(id).switchIfEmpty(Mono.error(() -> ApiException.notFound("id", "user", id)));
	}

	@Transactional(readOnly = true)
	public Mono<ListResponse<UserResponse>> list(PageQuery page) {
		// Rows read to the end before the next query (one connection per transaction).
		return this.users.findPage(page.offset(), page.pageSize())
			.collectList()
			.flatMapMany(Flux::fromIterable)
			.concatMap(this::response)
			.collectList()
			.zipWith(this.users.count(), ListResponse::new);
	}

	@Transactional(readOnly = true)
	public Mono<UserResponse> get(String id) {
		return require(id).flatMap(this::response);
	}

	@Transactional
	public Mono<UserResponse> create(UserRequest request) {
		if (request.username() == null) {
			return Mono.error(ApiException.badRequest("username", "must not be blank"));
		}
		return encode(request.password()).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap((hash) -> {
			OffsetDateTime now = this.database.now();
			UserRow row = new UserRow(UUID.randomUUID().toString(), request.username(), text(request.displayName()),
					hash.orElse(null), request.enabled() == null || request.enabled(), now, now, null, 0);
			return this.users.findByUsername(row.username())
				.flatMap((existing) -> Mono.<UserRow>error(
						ApiException.conflict("username", "a user named '" + row.username() + "' already exists")))
				.then(this.users.insert(row))
				.onErrorMap(DuplicateKeyException.class,
						(ex) -> ApiException.conflict("username", "a user with this name already exists"))
				.thenReturn(row);
		}).flatMap(this::response);
	}

	@Transactional
	public Mono<UserResponse> update(String id, UserRequest request) {
		return require(id).flatMap((current) -> {
			if (request.username() != null && !request.username().equals(current.username())) {
				return Mono.error(ApiException.badRequest("username", "cannot be changed; must match or be left out"));
			}
			boolean enabled = request.enabled() == null || request.enabled();
			Mono<Void> keepsSuperAdmin = (!enabled && current.enabled()) ? lastSuperAdminGuard(id, "enabled")
					: Mono.empty();
			return keepsSuperAdmin
				.then(encode(request.password()).map(Optional::of)
					.defaultIfEmpty(Optional.ofNullable(current.passwordHash())))
				.flatMap((hash) -> this.users.update(new UserRow(id, current.username(),
						(request.displayName() != null) ? request.displayName() : current.displayName(),
						hash.orElse(null), enabled, current.createdAt(), this.database.now(), current.lastLoginAt(),
						current.rowVersion())));
		})
			.flatMap((count) -> (count == 1) ? get(id)
					: Mono.error(ApiException.conflict("id", "the user was changed concurrently; retry")));
	}

	@Transactional
	public Mono<Void> delete(String id, Caller caller) {
		if (id.equals(caller.userId())) {
			return Mono.error(ApiException.conflict("id", "you cannot delete yourself"));
		}
		return require(id).then(lastSuperAdminGuard(id, "id")).then(this.users.delete(id)).then();
	}

	@Transactional(readOnly = true)
	public Mono<ListResponse<RoleResponse>> roles(String userId) {
		return require(userId).thenMany(this.roles.findByUser(userId))
			.map(RoleResponse::of)
			.collectList()
			.map((list) -> new ListResponse<>(list, list.size()));
	}

	@Transactional
	public Mono<RoleResponse> grant(String userId, RoleRequest request) {
		return require(userId).then(binding(request, "")).flatMap((binding) -> {
			UserRoleRow row = new UserRoleRow(UUID.randomUUID().toString(), userId, binding, this.database.now());
			return this.roles.findByUser(userId)
				.filter((existing) -> existing.binding().equals(binding))
				.hasElements()
				.flatMap((exists) -> exists
						? Mono.<RoleResponse>error(
								ApiException.conflict("role", "the user already holds this role in this group"))
						: this.roles.insert(row).thenReturn(RoleResponse.of(row)));
		});
	}

	@Transactional
	public Mono<Void> revoke(String userId, String roleId) {
		return require(userId).thenMany(this.roles.findByUser(userId))
			.filter((row) -> row.id().equals(roleId))
			.next()
			.switchIfEmpty(Mono.error(() -> ApiException.notFound("role_id", "role grant", roleId)))
			.flatMap((row) -> (row.binding().role() == Role.SUPER_ADMIN) ? lastSuperAdminGuard(userId, "role_id")
					: Mono.<Void>empty())
			.then(this.roles.delete(userId, roleId))
			.then();
	}

	/**
	 * Checks a requested role: known, and with a group that exists when bound to one.
	 * @param request the request
	 * @param field the JSON path of the request, {@code ""} at the top
	 * @return the binding, or a 400/404 naming the field
	 */
	public Mono<RoleBinding> binding(RoleRequest request, String field) {
		String prefix = field.isEmpty() ? "" : field + ".";
		Role role = Role.of(request.role()).orElse(null);
		if (role == null) {
			return Mono.error(ApiException.badRequest(prefix + "role",
					"must be one of viewer, publisher, group_admin, editor, super_admin"));
		}
		String group = request.gatewayGroupId();
		if (!role.groupBound()) {
			if (group != null && !group.equals(Role.ALL_GROUPS)) {
				return Mono.error(ApiException.badRequest(prefix + "gateway_group_id",
						"role '" + role.value() + "' is not bound to a gateway group; leave it out"));
			}
			return Mono.just(new RoleBinding(role, Role.ALL_GROUPS));
		}
		if (group == null || group.isBlank()) {
			return Mono.error(ApiException.badRequest(prefix + "gateway_group_id",
					"role '" + role.value() + "' needs a gateway group (or '*' for every group)"));
		}
		if (group.equals(Role.ALL_GROUPS)) {
			return Mono.just(new RoleBinding(role, group));
		}
		return this.groups.findById(group)
			.map((found) -> new RoleBinding(role, group))
			.switchIfEmpty(
					Mono.error(() -> ApiException.notFound(prefix + "gateway_group_id", "gateway group", group)));
	}

	/**
	 * The caller's profile and permissions.
	 * @param caller the caller
	 * @param tokenRoles the token's roles, or {@code null}
	 * @return the profile
	 */
	@Transactional(readOnly = true)
	public Mono<MeResponse> me(Caller caller, List<RoleBinding> tokenRoles) {
		return require(caller.userId()).zipWith(this.roles.findByUser(caller.userId()).collectList())
			.zipWith(this.groups.findPage(0, Integer.MAX_VALUE).map((group) -> group.id()).collectList())
			.map((all) -> {
				UserRow user = all.getT1().getT1();
				List<RoleResponse> roles = all.getT1().getT2().stream().map(RoleResponse::of).toList();
				List<RoleResponse> narrowed = (tokenRoles != null) ? tokenRoles.stream()
					.map((binding) -> new RoleResponse(null, binding.role().value(), binding.gatewayGroupId(), null))
					.toList() : null;
				return new MeResponse(user.id(), user.username(), user.displayName(), roles, caller.tokenId(), narrowed,
						caller.grants().describe(all.getT2()));
			});
	}

	private Mono<Void> lastSuperAdminGuard(String userId, String field) {
		// Only an enabled super admin counts: removing a disabled one leaves the enabled
		// ones (the caller among them) as they are.
		return this.users.findById(userId)
			.filter(UserRow::enabled)
			.flatMapMany((user) -> this.roles.findByUser(userId))
			.any((row) -> row.binding().role() == Role.SUPER_ADMIN)
			.flatMap((isSuperAdmin) -> isSuperAdmin ? this.roles.countUsersWith(Role.SUPER_ADMIN) : Mono.just(2L))
			.flatMap((count) -> (count <= 1)
					? Mono.error(ApiException.conflict(field,
							"this is the last enabled super admin; make another user super admin first"))
					: Mono.empty());
	}

	private Mono<UserResponse> response(UserRow row) {
		return this.roles.findByUser(row.id()).collectList().map((roles) -> UserResponse.of(row, roles));
	}

	private Mono<String> encode(String password) {
		if (password == null) {
			return Mono.empty();
		}
		// Hashing takes tens of milliseconds on purpose: never on an event loop.
		return Mono.fromCallable(() -> this.passwordEncoder.encode(password)).subscribeOn(Schedulers.boundedElastic());
	}

	private static String text(String value) {
		return (value != null) ? value : "";
	}

}

package io.portico.admin.user;

import io.portico.admin.access.Callers;
import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.audit.Audited;
import io.portico.admin.web.ListResponse;
import io.portico.admin.web.PageParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users and their roles; super admins only.
 */
@RestController
@RequestMapping("/api/users")
@Tag(name = "Users", description = "Users of the admin and their roles per gateway group (super admins only).")
class UserController {

	private final UserService service;

	UserController(UserService service) {
		this.service = service;
	}

	@GetMapping
	@Permitted(Permission.USERS_MANAGE)
	@Operation(summary = "List users", description = "Users by name with their roles.")
	Mono<ListResponse<UserResponse>> list(@ParameterObject PageParams paging) {
		return Mono.fromSupplier(() -> paging.query()).flatMap(this.service::list);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Permitted(Permission.USERS_MANAGE)
	@Audited(action = "create", resource = "user", id = "#result?.id()")
	@Operation(summary = "Create a user",
			description = "Without a password the user signs in with API tokens only. Names are unique (409).")
	Mono<UserResponse> create(@Valid @RequestBody UserRequest request) {
		return this.service.create(request);
	}

	@GetMapping("/{id}")
	@Permitted(Permission.USERS_MANAGE)
	@Operation(summary = "Get a user", description = "One user with their roles.")
	Mono<UserResponse> get(@Parameter(description = "User id.") @PathVariable String id) {
		return this.service.get(id);
	}

	@PutMapping("/{id}")
	@Permitted(Permission.USERS_MANAGE)
	@Audited(action = "update", resource = "user", id = "#id")
	@Operation(summary = "Update a user",
			description = "Display name, password (absent keeps it) and enabled. The last enabled super admin cannot"
					+ " be disabled (409).")
	Mono<UserResponse> update(@Parameter(description = "User id.") @PathVariable String id,
			@Valid @RequestBody UserRequest request) {
		return this.service.update(id, request);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Permitted(Permission.USERS_MANAGE)
	@Audited(action = "delete", resource = "user", id = "#id")
	@Operation(summary = "Delete a user",
			description = "Deletes the user with their roles and tokens. Not yourself, not the last super admin (409).")
	Mono<Void> delete(@Parameter(description = "User id.") @PathVariable String id) {
		return Callers.current().flatMap((caller) -> this.service.delete(id, caller));
	}

	@GetMapping("/{id}/roles")
	@Permitted(Permission.USERS_MANAGE)
	@Operation(summary = "List the roles of a user", description = "Each role with its gateway group.")
	Mono<ListResponse<RoleResponse>> roles(@Parameter(description = "User id.") @PathVariable String id) {
		return this.service.roles(id);
	}

	@PostMapping("/{id}/roles")
	@ResponseStatus(HttpStatus.CREATED)
	@Permitted(Permission.USERS_MANAGE)
	@Audited(action = "grant", resource = "user_role", id = "#id", group = "#request.gatewayGroupId()")
	@Operation(summary = "Grant a role to a user",
			description = "Group roles (`viewer`, `publisher`, `group_admin`) name an existing gateway group or `*`;"
					+ " `editor` and `super_admin` name none. Takes effect on the user's next request.")
	Mono<RoleResponse> grant(@Parameter(description = "User id.") @PathVariable String id,
			@Valid @RequestBody RoleRequest request) {
		return this.service.grant(id, request);
	}

	@DeleteMapping("/{id}/roles/{roleId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Permitted(Permission.USERS_MANAGE)
	@Audited(action = "revoke", resource = "user_role", id = "#id")
	@Operation(summary = "Revoke a role of a user", description = "Takes effect on the user's next request.")
	Mono<Void> revoke(@Parameter(description = "User id.") @PathVariable String id,
			@Parameter(description = "Role grant id.") @PathVariable String roleId) {
		return this.service.revoke(id, roleId);
	}

}

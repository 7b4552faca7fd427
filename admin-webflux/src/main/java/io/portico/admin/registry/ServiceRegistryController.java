package io.portico.admin.registry;

import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.audit.Audited;
import io.portico.admin.store.AfterCommit;
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

@RestController
@RequestMapping("/api/gateway_groups/{gg}/service_registries")
@Tag(name = "Service registries",
		description = "Registry connections of a gateway group (Kubernetes, Consul, Eureka, Nacos) with live status;"
				+ " published services discover their upstream through them.")
class ServiceRegistryController {

	private final ServiceRegistryService service;

	private final RegistryHealthChecker checker;

	ServiceRegistryController(ServiceRegistryService service, RegistryHealthChecker checker) {
		this.service = service;
		this.checker = checker;
	}

	@GetMapping
	@Permitted(value = Permission.GROUP_READ, group = "#groupId")
	@Operation(summary = "List the registry connections of a group",
			description = "Connections by name with their live status; secrets are never returned.")
	Mono<ListResponse<ServiceRegistryResponse>> list(
			@Parameter(description = "Gateway group id.", example = "default") @PathVariable("gg") String groupId,
			@ParameterObject PageParams paging) {
		return Mono.fromSupplier(() -> paging.query()).flatMap((query) -> this.service.list(groupId, query));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Permitted(value = Permission.GROUP_ADMIN, group = "#groupId")
	@Audited(action = "create", resource = "service_registry", id = "#result?.id()")
	@Operation(summary = "Create a registry connection",
			description = "Answers at once with status `connecting`; the admin then checks the connection in the"
					+ " background (`healthy` or `unhealthy` with `last_error`). Names are unique per group (409)."
					+ " Bumps the group's config revision.")
	Mono<ServiceRegistryResponse> create(
			@Parameter(description = "Gateway group id.", example = "default") @PathVariable("gg") String groupId,
			@Valid @RequestBody ServiceRegistryRequest request) {
		return this.service.create(groupId, request)
			.flatMap((created) -> AfterCommit.run(() -> this.checker.checkSoon(created.id())).thenReturn(created));
	}

	@GetMapping("/{id}")
	@Permitted(value = Permission.GROUP_READ, group = "#path.groupId()")
	@Operation(summary = "Get a registry connection", description = "One connection with its live status.")
	Mono<ServiceRegistryResponse> get(@ParameterObject RegistryPath path) {
		return this.service.get(path.groupId(), path.id());
	}

	@PutMapping("/{id}")
	@Permitted(value = Permission.GROUP_ADMIN, group = "#path.groupId()")
	@Audited(action = "update", resource = "service_registry", id = "#path.id()")
	@Operation(summary = "Replace a registry connection",
			description = "Replaces name, description, type and settings; an absent or null secret keeps the stored"
					+ " one, an empty string clears it; keeping a stored secret that the admin cannot decrypt"
					+ " (`secrets_readable: false`) is refused with 409. Changed settings go back to `connecting` and"
					+ " are checked again. Bumps the group's config revision.")
	Mono<ServiceRegistryResponse> update(@ParameterObject RegistryPath path,
			@Valid @RequestBody ServiceRegistryRequest request) {
		return this.service.update(path.groupId(), path.id(), request)
			.flatMap((updated) -> AfterCommit.run(() -> this.checker.checkSoon(path.id())).thenReturn(updated));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Permitted(value = Permission.GROUP_ADMIN, group = "#path.groupId()")
	@Audited(action = "delete", resource = "service_registry", id = "#path.id()")
	@Operation(summary = "Delete a registry connection",
			description = "Refused with 409 while a service published in the group discovers through it."
					+ " Bumps the group's config revision.")
	Mono<Void> delete(@ParameterObject RegistryPath path) {
		return this.service.delete(path.groupId(), path.id())
			.then(AfterCommit.run(() -> this.checker.forget(path.id())));
	}

	@GetMapping("/{id}/checks")
	@Permitted(value = Permission.GROUP_READ, group = "#path.groupId()")
	@Operation(summary = "List the recent checks of a registry connection",
			description = "Health check history, newest first (the newest 100 are kept).")
	Mono<ListResponse<RegistryCheckResponse>> checks(@ParameterObject RegistryPath path,
			@ParameterObject PageParams paging) {
		return Mono.fromSupplier(() -> paging.query())
			.flatMap((query) -> this.service.checks(path.groupId(), path.id(), query));
	}

	@GetMapping("/{id}/services")
	@Permitted(value = Permission.GROUP_READ, group = "#path.groupId()")
	@Operation(summary = "List the services a registry offers",
			description = "Namespaces (Kubernetes), groups (Nacos) and service names, as the registry reports them"
					+ " now, for a publish form or a script. 502 when the registry fails or does not answer in"
					+ " time; 409 when the connection's secret cannot be decrypted with the admin's key.")
	Mono<ListResponse<RegistryServiceResponse>> services(@ParameterObject RegistryPath path) {
		return this.service.services(path.groupId(), path.id());
	}

}

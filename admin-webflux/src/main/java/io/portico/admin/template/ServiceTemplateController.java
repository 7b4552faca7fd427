package io.portico.admin.template;

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

@RestController
@RequestMapping("/api/services/template")
@Tag(name = "Service templates", description = "The Service Hub: editable service drafts, published as versions.")
class ServiceTemplateController {

	private final ServiceTemplateService service;

	ServiceTemplateController(ServiceTemplateService service) {
		this.service = service;
	}

	@GetMapping
	@Permitted(Permission.SERVICE_HUB_READ)
	@Operation(summary = "List service templates",
			description = "Templates by name, each with where it is published and when it was last published.")
	Mono<ListResponse<ServiceTemplateResponse>> list(@ParameterObject PageParams paging) {
		return Mono.fromSupplier(() -> paging.query()).flatMap(this.service::list);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Permitted(Permission.SERVICE_HUB_WRITE)
	@Audited(action = "create", resource = "service_template", id = "#result?.id()")
	@Operation(summary = "Create a service template",
			description = "Creates a template without routes. Names are unique (409); type `stream` is refused (400).")
	Mono<ServiceTemplateResponse> create(@Valid @RequestBody ServiceTemplateRequest request) {
		return this.service.create(request);
	}

	@GetMapping("/{id}")
	@Permitted(Permission.SERVICE_HUB_READ)
	@Operation(summary = "Get a service template", description = "One template with where it is published.")
	Mono<ServiceTemplateResponse> get(
			@Parameter(description = "Template id.", example = "httpbin") @PathVariable String id) {
		return this.service.get(id);
	}

	@PutMapping("/{id}")
	@Permitted(Permission.SERVICE_HUB_WRITE)
	@Audited(action = "update", resource = "service_template", id = "#id")
	@Operation(summary = "Update a service template",
			description = "Replaces name, type, upstream scheme, description and labels. Published versions keep"
					+ " what they were published with.")
	Mono<ServiceTemplateResponse> update(
			@Parameter(description = "Template id.", example = "httpbin") @PathVariable String id,
			@Valid @RequestBody ServiceTemplateRequest request) {
		return this.service.update(id, request);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Permitted(Permission.SERVICE_HUB_WRITE)
	@Audited(action = "delete", resource = "service_template", id = "#id")
	@Operation(summary = "Delete a service template",
			description = "Deletes the template and its routes; refused with 409 while it is published in any group.")
	Mono<Void> delete(@Parameter(description = "Template id.", example = "httpbin") @PathVariable String id) {
		return this.service.delete(id);
	}

}

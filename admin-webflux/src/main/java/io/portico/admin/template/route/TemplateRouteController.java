package io.portico.admin.template.route;

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
@RequestMapping("/api/services/template/{id}/routes")
@Tag(name = "Template routes", description = "Routes of a service template: paths and methods.")
class TemplateRouteController {

	private final TemplateRouteService service;

	TemplateRouteController(TemplateRouteService service) {
		this.service = service;
	}

	@GetMapping
	@Permitted(Permission.SERVICE_HUB_READ)
	@Operation(summary = "List the routes of a template", description = "Routes in their order in the template.")
	Mono<ListResponse<TemplateRouteResponse>> list(
			@Parameter(description = "Template id.", example = "httpbin") @PathVariable String id,
			@ParameterObject PageParams paging) {
		return Mono.fromSupplier(() -> paging.query()).flatMap((query) -> this.service.list(id, query));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Permitted(Permission.SERVICE_HUB_WRITE)
	@Audited(action = "create", resource = "template_route", id = "#id + '/' + #result?.id()")
	@Operation(summary = "Add a route to a template",
			description = "Checked with the gateway's own rules: paths start with `/`, methods are upper-case HTTP"
					+ " methods. Names are unique within the template (409).")
	Mono<TemplateRouteResponse> create(
			@Parameter(description = "Template id.", example = "httpbin") @PathVariable String id,
			@Valid @RequestBody TemplateRouteRequest request) {
		return this.service.create(id, request);
	}

	@GetMapping("/{routeId}")
	@Permitted(Permission.SERVICE_HUB_READ)
	@Operation(summary = "Get a route of a template", description = "One route of the template.")
	Mono<TemplateRouteResponse> get(
			@Parameter(description = "Template id.", example = "httpbin") @PathVariable String id,
			@Parameter(description = "Route id.",
					example = "getting-started-anything") @PathVariable("routeId") String routeId) {
		return this.service.get(id, routeId);
	}

	@PutMapping("/{routeId}")
	@Permitted(Permission.SERVICE_HUB_WRITE)
	@Audited(action = "update", resource = "template_route", id = "#id + '/' + #routeId")
	@Operation(summary = "Update a route of a template",
			description = "Replaces the route. Published versions keep what they were published with.")
	Mono<TemplateRouteResponse> update(
			@Parameter(description = "Template id.", example = "httpbin") @PathVariable String id,
			@Parameter(description = "Route id.",
					example = "getting-started-anything") @PathVariable("routeId") String routeId,
			@Valid @RequestBody TemplateRouteRequest request) {
		return this.service.update(id, routeId, request);
	}

	@DeleteMapping("/{routeId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Permitted(Permission.SERVICE_HUB_WRITE)
	@Audited(action = "delete", resource = "template_route", id = "#id + '/' + #routeId")
	@Operation(summary = "Delete a route of a template",
			description = "Deletes the route from the template; published versions keep it.")
	Mono<Void> delete(@Parameter(description = "Template id.", example = "httpbin") @PathVariable String id,
			@Parameter(description = "Route id.",
					example = "getting-started-anything") @PathVariable("routeId") String routeId) {
		return this.service.delete(id, routeId);
	}

}

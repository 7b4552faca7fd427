package io.portico.admin.declarative;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portico.admin.access.Callers;
import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.audit.Audited;
import io.portico.admin.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/declarative")
@Tag(name = "Declarative configuration",
		description = "ADC-style files of services: dump, plan (diff), validate and sync, in one transaction and"
				+ " never outside their scope (a gateway group and a label selector).")
class DeclarativeController {

	private final DeclarativeSyncService sync;

	private final DeclarativeDump dump;

	DeclarativeController(DeclarativeSyncService sync, DeclarativeDump dump) {
		this.sync = sync;
		this.dump = dump;
	}

	@GetMapping("/dump")
	@Permitted(value = Permission.GROUP_READ, group = "#groupId")
	@Permitted(Permission.SERVICE_HUB_READ)
	@Operation(operationId = "declarativeDump", summary = "Dump a gateway group as a declarative file",
			description = "The services the group serves within the label selector: template fields, the current"
					+ " version's routes, runtime configuration and version. Syncing it changes nothing.")
	Mono<Map<String, Object>> dump(
			@Parameter(description = "Gateway group.") @RequestParam(name = "gateway_group_id",
					defaultValue = "default") String groupId,
			@Parameter(description = "Label pairs `key=value` a service's labels must hold.") @RequestParam(
					name = "label_selector", required = false) List<String> selector,
			@Parameter(
					description = "Resource types to include: `services`, the only kind Portico's files hold.") @RequestParam(
							name = "include_resource_type", required = false) List<String> include,
			@Parameter(description = "Resource types to exclude; none can be.") @RequestParam(
					name = "exclude_resource_type", required = false) List<String> exclude) {
		return Mono.fromCallable(() -> scope(selector, false, include, exclude))
			.flatMap((scope) -> this.dump.dump(groupId, scope));
	}

	@PostMapping("/diff")
	@Permitted(value = Permission.GROUP_READ, group = "#groupId")
	@Permitted(Permission.SERVICE_HUB_READ)
	@Operation(operationId = "declarativeDiff", summary = "Plan a declarative sync",
			description = "What a sync of the file would do: templates and routes created, updated or deleted,"
					+ " versions published, services of the scope not in the file (unpublished only with"
					+ " `delete`). Nothing is written.")
	Mono<DeclarativePlan> diff(@RequestBody JsonNode file,
			@Parameter(description = "Gateway group.") @RequestParam(name = "gateway_group_id",
					defaultValue = "default") String groupId,
			@Parameter(description = "Label pairs `key=value` a service's labels must hold.") @RequestParam(
					name = "label_selector", required = false) List<String> selector,
			@Parameter(description = "Unpublish services of the scope that the file does not list.") @RequestParam(
					name = "delete", defaultValue = "false") boolean delete,
			@Parameter(
					description = "Resource types to include: `services`, the only kind Portico's files hold.") @RequestParam(
							name = "include_resource_type", required = false) List<String> include,
			@Parameter(description = "Resource types to exclude; none can be.") @RequestParam(
					name = "exclude_resource_type", required = false) List<String> exclude) {
		return Mono.fromCallable(() -> DeclarativeFileReader.read(file))
			.flatMap((read) -> this.sync.plan(groupId, read, scope(selector, delete, include, exclude)));
	}

	@PostMapping("/validate")
	@Permitted(value = Permission.GROUP_READ, group = "#groupId")
	@Permitted(Permission.SERVICE_HUB_READ)
	@Operation(operationId = "declarativeValidate", summary = "Validate a declarative file against a gateway group",
			description = "Runs the whole sync in a transaction that is rolled back: every error the sync would"
					+ " meet, named by its path in the file. Answers the plan.")
	Mono<DeclarativePlan> validate(@RequestBody JsonNode file,
			@Parameter(description = "Gateway group.") @RequestParam(name = "gateway_group_id",
					defaultValue = "default") String groupId,
			@Parameter(description = "Label pairs `key=value` a service's labels must hold.") @RequestParam(
					name = "label_selector", required = false) List<String> selector) {
		return Mono.fromCallable(() -> DeclarativeFileReader.read(file))
			.flatMap((read) -> this.sync.sync(groupId, read, scope(selector, false, null, null), true, null, null));
	}

	@PostMapping("/sync")
	@Permitted(Permission.SERVICE_HUB_WRITE)
	@Permitted(value = Permission.GROUP_PUBLISH, group = "#groupId")
	@Audited(action = "sync", resource = "declarative", group = "#groupId")
	@Operation(operationId = "declarativeSync", summary = "Sync a declarative file to a gateway group",
			description = "Applies the plan in one transaction: any error leaves everything as it was."
					+ " A service whose version differs from the group's current one is published as that version;"
					+ " the same version with other content is a 409. `plan_revision` refuses (409) when the group"
					+ " changed since the plan was computed. A file without differences changes nothing.")
	Mono<DeclarativePlan> sync(@RequestBody JsonNode file,
			@Parameter(description = "Gateway group.") @RequestParam(name = "gateway_group_id",
					defaultValue = "default") String groupId,
			@Parameter(description = "Label pairs `key=value` a service's labels must hold.") @RequestParam(
					name = "label_selector", required = false) List<String> selector,
			@Parameter(description = "Unpublish services of the scope that the file does not list.") @RequestParam(
					name = "delete", defaultValue = "false") boolean delete,
			@Parameter(description = "Check everything, then roll back.") @RequestParam(name = "dry_run",
					defaultValue = "false") boolean dryRun,
			@Parameter(description = "The config revision of a reviewed plan.") @RequestParam(name = "plan_revision",
					required = false) Long planRevision,
			@Parameter(
					description = "Resource types to include: `services`, the only kind Portico's files hold.") @RequestParam(
							name = "include_resource_type", required = false) List<String> include,
			@Parameter(description = "Resource types to exclude; none can be.") @RequestParam(
					name = "exclude_resource_type", required = false) List<String> exclude) {
		return Mono.fromCallable(() -> DeclarativeFileReader.read(file))
			.zipWith(Callers.current())
			.flatMap((found) -> this.sync.sync(groupId, found.getT1(), scope(selector, delete, include, exclude),
					dryRun, planRevision, found.getT2().username()));
	}

	private static DeclarativeScope scope(List<String> selector, boolean delete, List<String> include,
			List<String> exclude) {
		// Portico's files hold services only: other ADC resource types are refused, not
		// ignored.
		if (include != null && include.stream().anyMatch((type) -> !type.equals("services"))) {
			throw ApiException.badRequest("include_resource_type",
					"may only be 'services', the one resource type of" + " Portico's files");
		}
		if (exclude != null && !exclude.isEmpty()) {
			throw ApiException.badRequest("exclude_resource_type",
					"cannot exclude anything: Portico's files hold services only");
		}
		Map<String, String> pairs = new LinkedHashMap<>();
		if (selector != null) {
			for (String pair : selector) {
				int equals = pair.indexOf('=');
				if (equals <= 0) {
					throw ApiException.badRequest("label_selector", "must be key=value pairs, not '" + pair + "'");
				}
				pairs.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
			}
		}
		return new DeclarativeScope(Map.copyOf(pairs), delete);
	}

}

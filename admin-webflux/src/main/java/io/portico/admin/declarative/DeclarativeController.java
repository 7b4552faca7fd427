package io.portico.admin.declarative;

import java.util.Map;

import io.portico.admin.access.Callers;
import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.audit.Audited;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
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
	@Permitted(value = Permission.GROUP_READ, group = "#params.group()")
	@Permitted(Permission.SERVICE_HUB_READ)
	@Operation(operationId = "declarativeDump", summary = "Dump a gateway group as a declarative file",
			description = "The services the group serves within the label selector: template fields, the current"
					+ " version's routes, runtime configuration and version. Syncing it changes nothing.")
	Mono<Map<String, Object>> dump(@ParameterObject DeclarativeScopeParams params) {
		return Mono.fromCallable(() -> params.scope(false)).flatMap((scope) -> this.dump.dump(params.group(), scope));
	}

	@PostMapping("/diff")
	@Permitted(value = Permission.GROUP_READ, group = "#params.group()")
	@Permitted(Permission.SERVICE_HUB_READ)
	@Operation(operationId = "declarativeDiff", summary = "Plan a declarative sync",
			description = "What a sync of the file would do: templates and routes created, updated or deleted,"
					+ " versions published, services of the scope not in the file (unpublished only with"
					+ " `delete`). Nothing is written.")
	Mono<DeclarativePlan> diff(@RequestBody JsonNode file, @ParameterObject DeclarativeScopeParams params,
			@Parameter(description = "Unpublish services of the scope that the file does not list.") @RequestParam(
					name = "delete", defaultValue = "false") boolean delete) {
		return Mono.fromCallable(() -> DeclarativeFileReader.read(file))
			.flatMap((read) -> this.sync.plan(params.group(), read, params.scope(delete)));
	}

	@PostMapping("/validate")
	@Permitted(value = Permission.GROUP_READ, group = "#params.group()")
	@Permitted(Permission.SERVICE_HUB_READ)
	@Operation(operationId = "declarativeValidate", summary = "Validate a declarative file against a gateway group",
			description = "Runs the whole sync in a transaction that is rolled back: every error the sync would"
					+ " meet, named by its path in the file. Answers the plan.")
	Mono<DeclarativePlan> validate(@RequestBody JsonNode file, @ParameterObject DeclarativeScopeParams params) {
		return Mono.fromCallable(() -> DeclarativeFileReader.read(file))
			.flatMap((read) -> this.sync.sync(params.group(), read, params.scope(false), true, null, null));
	}

	@PostMapping("/sync")
	@Permitted(Permission.SERVICE_HUB_WRITE)
	@Permitted(value = Permission.GROUP_PUBLISH, group = "#params.group()")
	@Audited(action = "sync", resource = "declarative", group = "#params.group()")
	@Operation(operationId = "declarativeSync", summary = "Sync a declarative file to a gateway group",
			description = "Applies the plan in one transaction: any error leaves everything as it was."
					+ " A service whose version differs from the group's current one is published as that version;"
					+ " the same version with other content is a 409. `plan_revision` refuses (409) when the group"
					+ " changed since the plan was computed. A file without differences changes nothing.")
	Mono<DeclarativePlan> sync(@RequestBody JsonNode file, @ParameterObject DeclarativeScopeParams params,
			@Parameter(description = "Unpublish services of the scope that the file does not list.") @RequestParam(
					name = "delete", defaultValue = "false") boolean delete,
			@Parameter(description = "Check everything, then roll back.") @RequestParam(name = "dry_run",
					defaultValue = "false") boolean dryRun,
			@Parameter(description = "The config revision of a reviewed plan.") @RequestParam(name = "plan_revision",
					required = false) Long planRevision) {
		return Mono.fromCallable(() -> DeclarativeFileReader.read(file))
			.zipWith(Callers.current())
			.flatMap((found) -> this.sync.sync(params.group(), found.getT1(), params.scope(delete), dryRun,
					planRevision, found.getT2().username()));
	}

}

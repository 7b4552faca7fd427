package io.portico.admin.publish;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.portico.admin.group.GatewayGroupRevisions;
import io.portico.admin.store.Database;
import io.portico.admin.web.ApiException;
import io.portico.admin.web.ApiFieldError;
import io.portico.compiler.FieldError;
import io.portico.compiler.RouteCompilationException;
import io.portico.compiler.RouteCompiler;
import io.portico.compiler.json.StoredFormat;
import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.PublishedService;
import io.portico.compiler.model.RuntimeConfig;
import io.portico.compiler.model.Upstream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The steps that publish, promote, rollback, runtime changes and canaries compose, each
 * written once: compile a version (or a canary) the way the gateways will, check a batch,
 * write a version and move the current pointer, update a published service
 * optimistically, and bump the group's revision. Every step reports a refusal as
 * {@code Mono.error} with an {@link ApiException} naming the field.
 *
 * <p>
 * Example (a rollback): <pre>
 * core.compile(groupId, version, service.runtime(), "version")
 *     .then(core.updateAndBump(service.withCurrent(version.id(), service.runtime(), core.now()), "service_id"))
 * </pre>
 */
@Component
public class PublishCore {

	private final PublishedRepository published;

	private final GatewayGroupRevisions revisions;

	private final RouteCompiler compiler;

	private final Database database;

	private final RegistryReferences registryReferences;

	public PublishCore(PublishedRepository published, GatewayGroupRevisions revisions, RouteCompiler compiler,
			Database database, RegistryReferences registryReferences) {
		this.published = published;
		this.revisions = revisions;
		this.compiler = compiler;
		this.database = database;
		this.registryReferences = registryReferences;
	}

	/**
	 * The time of a write, from the database's clock.
	 * @return now
	 */
	public OffsetDateTime now() {
		return this.database.now();
	}

	/**
	 * Compiles a service as its gateways will.
	 * @param service the service
	 * @param at the prefix of fields in errors ({@code services[0]}), empty for none
	 * @return completion; 400 naming the fields the compiler refused
	 */
	public Mono<Void> compile(PublishedService service, String at) {
		return Mono.<Void>fromRunnable(() -> this.compiler.compile(service))
			.onErrorMap(RouteCompilationException.class, (ex) -> fieldErrors(at, ex.getErrors()));
	}

	/**
	 * Compiles a stored version's routes with a runtime configuration, for a group.
	 * @param groupId the group the version is (to be) served in
	 * @param version the version
	 * @param runtime the runtime configuration
	 * @param at the prefix of fields in errors, empty for none
	 * @return completion; 400 naming the fields the compiler refused
	 */
	public Mono<Void> compile(String groupId, PublishedVersionRow version, RuntimeConfig runtime, String at) {
		return compile(new PublishedService(groupId, version.serviceId(), version.serviceName(), version.version(),
				version.upstreamScheme(), version.routes(), runtime), at);
	}

	/**
	 * Compiles a version's routes with a runtime configuration, in the version's group.
	 * @param version the version
	 * @param runtime the runtime configuration
	 * @param at the prefix of fields in errors, empty for none
	 * @return completion; 400 naming the fields that do not compile
	 */
	public Mono<Void> compile(PublishedVersionRow version, RuntimeConfig runtime, String at) {
		return compile(version.gatewayGroupId(), version, runtime, at);
	}

	/**
	 * Checks that a service's canary still compiles with the service's (new) runtime
	 * configuration: a version canary's routes with that runtime, or the current routes
	 * with the canary upstream in place of the runtime upstream.
	 * @param service the service with its new runtime configuration
	 * @param current the current version
	 * @return completion; 400 naming fields under {@code canary} when it does not compile
	 */
	public Mono<Void> checkCanaryWithRuntime(PublishedServiceRow service, PublishedVersionRow current) {
		if (!service.hasCanary()) {
			return Mono.empty();
		}
		CanarySpec canary = StoredFormat.readCanary(service.canary());
		if (canary.upstream() != null) {
			return compile(current, withUpstream(service.runtime(), canary.upstream()), "canary");
		}
		return this.published.findVersion(service.canaryVersionId())
			.flatMap((version) -> compile(version, service.runtime(), "canary"));
	}

	/**
	 * Checks a canary as the compiler does before compiling it.
	 * @param canary the canary
	 * @throws ApiException a 400 naming the fields the compiler refused
	 */
	public void validateCanary(CanarySpec canary) {
		List<FieldError> errors = this.compiler.validateCanary(canary);
		if (!errors.isEmpty()) {
			throw fieldErrors("", errors);
		}
	}

	/**
	 * A runtime configuration with another upstream.
	 * @param runtime the runtime configuration
	 * @param upstream the upstream
	 * @return the copy
	 */
	public static RuntimeConfig withUpstream(RuntimeConfig runtime, Upstream upstream) {
		return new RuntimeConfig(upstream, runtime.hosts(), runtime.pathPrefix(), runtime.passHost(),
				runtime.upstreamHost(), runtime.timeout());
	}

	/**
	 * The one mapping of compiler errors to API field errors: each field under the
	 * prefix, and {@code $} for the whole body.
	 * @param at the prefix ({@code services[0]}), empty for none
	 * @param errors the compiler's errors
	 * @return the 400
	 */
	public static ApiException fieldErrors(String at, List<FieldError> errors) {
		return ApiException.badRequest(errors.stream().map((error) -> {
			String field = at.isEmpty() ? error.field() : error.under(at).field();
			return new ApiFieldError(field.isEmpty() ? "$" : field, error.message());
		}).toList());
	}

	/**
	 * Checks a batch: no item is {@code null} and no key appears twice.
	 * @param <T> the item type
	 * @param items the items of {@code services}
	 * @param key the key of an item
	 * @param keyField the key's field ({@code template_id})
	 * @param what what the key names in messages ({@code template})
	 * @return completion; 400 naming the first offending item
	 */
	public static <T> Mono<Void> checkBatch(List<T> items, Function<T, String> key, String keyField, String what) {
		return Mono.defer(() -> {
			Map<String, Integer> seen = new HashMap<>();
			for (int i = 0; i < items.size(); i++) {
				T item = items.get(i);
				if (item == null) {
					return Mono.error(ApiException.badRequest("services[" + i + "]", "must not be null"));
				}
				Integer first = seen.putIfAbsent(key.apply(item), i);
				if (first != null) {
					return Mono.error(ApiException.badRequest("services[" + i + "]." + keyField, what + " '"
							+ key.apply(item) + "' appears twice in the batch (also services[" + first + "])"));
				}
			}
			return Mono.empty();
		});
	}

	/**
	 * Checks that a discovery upstream names a registry connection of the group.
	 * @param groupId the group
	 * @param upstream the upstream
	 * @param field the field to blame
	 * @return completion; 400 or 404 naming the field
	 */
	public Mono<Void> checkRegistry(String groupId, Upstream upstream, String field) {
		return this.registryReferences.check(groupId, upstream, field);
	}

	/**
	 * Writes a version (unless it is already stored) and makes it current in its group:
	 * inserts the service's row on its first publish there, else moves the current
	 * pointer optimistically.
	 * @param version the version
	 * @param stored whether the version is already stored (a promotion to a group that
	 * had it)
	 * @param current the service's row in the group, {@code null} when not published
	 * there
	 * @param runtime the runtime configuration
	 * @param now the time of the write
	 * @return what the group serves now
	 */
	public Mono<PublishedServiceResponse> writeCurrent(PublishedVersionRow version, boolean stored,
			PublishedServiceRow current, RuntimeConfig runtime, OffsetDateTime now) {
		PublishedServiceRow service = pointedAt(version, current, runtime, now);
		Mono<Void> insert = stored ? Mono.empty() : this.published.insertVersion(version);
		Mono<Void> pointer = (current != null) ? update(service, "services") : this.published.insertService(service);
		return insert.then(pointer).thenReturn(PublishedServiceResponse.of(service, version));
	}

	/**
	 * {@link #writeCurrent Moves the current pointers} of a batch whose versions are
	 * already stored: the services published for the first time in one multi-row insert,
	 * the others each optimistically; a version published as history only leaves its
	 * service as it is.
	 * @param writes the batch, in order
	 * @param now the time of the write
	 * @return what the group serves now, one entry per write, in order
	 */
	public Mono<List<PublishedServiceResponse>> writeCurrentAll(List<CurrentWrite> writes, OffsetDateTime now) {
		List<PublishedServiceRow> inserted = writes.stream()
			.filter((write) -> write.makesCurrent() && write.current() == null)
			.map((write) -> pointedAt(write.version(), null, write.runtime(), now))
			.toList();
		return this.published.insertServices(inserted).thenMany(Flux.fromIterable(writes).concatMap((write) -> {
			if (!write.makesCurrent()) {
				// History only: the response still shows the version that stays current.
				return this.published.findVersion(write.current().currentVersionId())
					.map((served) -> PublishedServiceResponse.of(write.current(), served));
			}
			PublishedServiceRow service = pointedAt(write.version(), write.current(), write.runtime(), now);
			Mono<Void> pointer = (write.current() != null) ? update(service, "services") : Mono.empty();
			return pointer.thenReturn(PublishedServiceResponse.of(service, write.version()));
		})).collectList();
	}

	private static PublishedServiceRow pointedAt(PublishedVersionRow version, PublishedServiceRow current,
			RuntimeConfig runtime, OffsetDateTime now) {
		return (current != null) ? current.withCurrent(version.id(), runtime, now)
				: new PublishedServiceRow(version.gatewayGroupId(), version.serviceId(), version.id(), runtime,
						runtime.upstream().kind(), now, now, 0, null, null);
	}

	/**
	 * Updates a published service if nobody changed it since it was read ({@code update
	 * … where row_version = n}).
	 * @param service the new values, with the row version read before
	 * @param field the field to blame when another write came first
	 * @return completion; 409 "changed concurrently" when another write came first
	 */
	public Mono<Void> update(PublishedServiceRow service, String field) {
		return this.published.updateService(service)
			.flatMap((count) -> (count == 1) ? Mono.empty() : Mono.error(concurrent(field, service.serviceId())));
	}

	/**
	 * {@link #update(PublishedServiceRow, String) Updates} a published service and bumps
	 * its group's revision.
	 * @param service the new values, with the row version read before
	 * @param field the field to blame when another write came first
	 * @return the group's new revision
	 */
	public Mono<Long> updateAndBump(PublishedServiceRow service, String field) {
		return update(service, field).then(bump(service.gatewayGroupId()));
	}

	/**
	 * Removes a service from what its group serves if nobody changed it since it was
	 * read, and bumps the group's revision.
	 * @param service the row read before
	 * @param field the field to blame when another write came first
	 * @return the group's new revision
	 */
	public Mono<Long> deleteAndBump(PublishedServiceRow service, String field) {
		return this.published.deleteService(service.gatewayGroupId(), service.serviceId(), service.rowVersion())
			.flatMap((count) -> (count == 1) ? bump(service.gatewayGroupId())
					: Mono.error(concurrent(field, service.serviceId())));
	}

	/**
	 * Bumps a group's revision and notifies its gateways; once per group and transaction.
	 * @param groupId the group
	 * @return the new revision
	 */
	public Mono<Long> bump(String groupId) {
		return this.revisions.bump(groupId);
	}

	/**
	 * Maps a duplicate version (a concurrent publish of the same version string) to a 409
	 * on {@code services}.
	 * @param <T> the result type
	 * @param batch the batch's writes
	 * @return the batch, with the duplicate mapped
	 */
	public static <T> Mono<T> concurrentBatch(Mono<T> batch) {
		return batch.onErrorMap(DuplicateKeyException.class, (ex) -> ApiException.conflict("services",
				"a version in this batch was published concurrently; reload and retry"));
	}

	/**
	 * One write of {@link #writeCurrentAll}.
	 *
	 * @param version the stored version
	 * @param current the service's row in the group, {@code null} when not published
	 * there
	 * @param runtime the runtime configuration
	 * @param makesCurrent whether the version becomes current ({@code false}: history
	 * only)
	 */
	public record CurrentWrite(PublishedVersionRow version, PublishedServiceRow current, RuntimeConfig runtime,
			boolean makesCurrent) {

	}

	/**
	 * The 409 for an optimistic update that lost.
	 * @param field the field to blame
	 * @param serviceId the service
	 * @return the exception
	 */
	public static ApiException concurrent(String field, String serviceId) {
		return ApiException.conflict(field, "service '" + serviceId + "' was changed concurrently; reload and retry");
	}

}

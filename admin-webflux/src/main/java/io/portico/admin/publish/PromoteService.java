package io.portico.admin.publish;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.portico.admin.group.GatewayGroupRevisions;
import io.portico.admin.group.GatewayGroupRow;
import io.portico.admin.group.GatewayGroupService;
import io.portico.admin.store.Database;
import io.portico.admin.web.ApiException;
import io.portico.compiler.RouteCompilationException;
import io.portico.compiler.RouteCompiler;
import io.portico.compiler.model.PublishedService;
import io.portico.compiler.model.RuntimeConfig;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Promotes current versions from one gateway group to another: the same version string
 * and routes, with the target group's runtime configuration. All or nothing: everything
 * is checked first, then written in one transaction that bumps the target's revision once
 * (not at all when nothing changes).
 */
@Service
public class PromoteService {

	private final GatewayGroupService groups;

	private final PublishedRepository published;

	private final GatewayGroupRevisions revisions;

	private final RouteCompiler compiler;

	private final Database database;

	private final RegistryReferences registryReferences;

	/**
	 * Creates the service.
	 * @param groups the gateway groups
	 * @param published the published tables
	 * @param revisions bumps and notifies group revisions
	 * @param compiler the route compiler
	 * @param database facts about the database
	 * @param registryReferences checks discovery upstreams against the group's registries
	 */
	public PromoteService(GatewayGroupService groups, PublishedRepository published, GatewayGroupRevisions revisions,
			RouteCompiler compiler, Database database, RegistryReferences registryReferences) {
		this.groups = groups;
		this.published = published;
		this.revisions = revisions;
		this.compiler = compiler;
		this.database = database;
		this.registryReferences = registryReferences;
	}

	/**
	 * Promotes a batch.
	 * @param request the batch
	 * @param user who promotes, {@code null} for {@value PublishService#DEFAULT_USER}
	 * @return the target group's revision and the promoted services
	 */
	@Transactional
	public Mono<PublishResponse> promote(PromoteRequest request, String user) {
		String publishedBy = PublishService.publisher(user);
		String source = request.sourceGatewayGroupId();
		String target = request.targetGatewayGroupId();
		return Mono.fromRunnable(() -> checkBatch(request))
			.then(this.groups.require(source, "source_gateway_group_id"))
			.then(this.groups.require(target, "target_gateway_group_id"))
			.flatMap((targetGroup) -> Flux.range(0, request.services().size())
				.concatMap((i) -> prepare(source, target, i, request.services().get(i)))
				.collectList()
				.flatMap((prepared) -> write(targetGroup, prepared, publishedBy)))
			.onErrorMap(DuplicateKeyException.class, (ex) -> ApiException.conflict("services",
					"a version in this batch was published concurrently; reload and retry"));
	}

	private static void checkBatch(PromoteRequest request) {
		if (request.sourceGatewayGroupId().equals(request.targetGatewayGroupId())) {
			throw ApiException.badRequest("target_gateway_group_id",
					"must differ from source_gateway_group_id: a version is promoted to another gateway group");
		}
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < request.services().size(); i++) {
			PromoteRequest.ServiceRuntime service = request.services().get(i);
			if (service == null) {
				throw ApiException.badRequest("services[" + i + "]", "must not be null");
			}
			Integer first = seen.putIfAbsent(service.serviceId(), i);
			if (first != null) {
				throw ApiException.badRequest("services[" + i + "].service_id", "service '" + service.serviceId()
						+ "' appears twice in the batch (also services[" + first + "])");
			}
		}
	}

	private Mono<Prepared> prepare(String source, String target, int index, PromoteRequest.ServiceRuntime request) {
		String at = "services[" + index + "]";
		String serviceId = request.serviceId();
		return this.published.findService(source, serviceId)
			.switchIfEmpty(Mono.error(() -> ApiException.notFound(at + ".service_id",
					"service published in gateway group '" + source + "'", serviceId)))
			.flatMap((sourceService) -> this.published.findVersion(sourceService.currentVersionId()))
			.flatMap((version) -> this.published.findService(target, serviceId)
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((current) -> this.published.findVersion(target, serviceId, version.version())
					.map(Optional::of)
					.defaultIfEmpty(Optional.empty())
					.map((existing) -> check(target, at, request, version, current.orElse(null),
							existing.orElse(null)))))
			.flatMap((prepared) -> this.registryReferences
				.check(target, prepared.runtime().upstream(), at + ".upstream.service_registry_id")
				.thenReturn(prepared));
	}

	private Prepared check(String target, String at, PromoteRequest.ServiceRuntime request, PublishedVersionRow version,
			PublishedServiceRow current, PublishedVersionRow existing) {
		if (current != null && current.hasCanary()) {
			throw RuntimeRequests.canaryActive(at + ".service_id", target, request.serviceId());
		}
		if (existing != null && !existing.routes().equals(version.routes())) {
			throw ApiException.conflict(at + ".service_id",
					"gateway group '" + target + "' already has version " + version.version() + " of '"
							+ request.serviceId() + "' with different routes; publish a new version instead");
		}
		RuntimeConfig runtime = RuntimeRequests.merge(at, request.upstream(), request.hosts(), request.pathPrefix(),
				request.passHost(), request.upstreamHost(), request.timeout(),
				(current != null) ? current.runtime() : null);
		if (current != null && !current.upstreamKind().equals(runtime.upstream().kind())) {
			throw RuntimeRequests.switchRefused(at, current.upstreamKind(), runtime.upstream().kind());
		}
		try {
			this.compiler.compile(new PublishedService(target, request.serviceId(), version.serviceName(),
					version.version(), version.upstreamScheme(), version.routes(), runtime));
		}
		catch (RouteCompilationException ex) {
			throw RuntimeRequests.compileErrors(at, ex);
		}
		return new Prepared(version, runtime, current, existing);
	}

	private Mono<PublishResponse> write(GatewayGroupRow target, List<Prepared> prepared, String publishedBy) {
		OffsetDateTime now = this.database.now();
		List<PublishedServiceResponse> results = new ArrayList<>();
		List<Boolean> changes = new ArrayList<>();
		return Flux.fromIterable(prepared).concatMap((item) -> {
			PublishedServiceRow current = item.current();
			PublishedVersionRow existing = item.existing();
			if (current != null && existing != null && existing.id().equals(current.currentVersionId())
					&& item.runtime().equals(current.runtime())) {
				// Already promoted: idempotent, and the gateways have nothing to reload.
				results.add(PublishedServiceResponse.of(current, existing));
				return Mono.empty();
			}
			changes.add(Boolean.TRUE);
			PublishedVersionRow version = (existing != null) ? existing
					: copy(item.source(), target.id(), item.runtime(), publishedBy, now);
			Mono<Void> insert = (existing != null) ? Mono.empty() : this.published.insertVersion(version);
			PublishedServiceRow service = (current != null) ? current.withCurrent(version.id(), item.runtime(), now)
					: new PublishedServiceRow(target.id(), version.serviceId(), version.id(), item.runtime(),
							item.runtime().upstream().kind(), now, now, 0, null, null);
			Mono<Void> pointer = (current != null)
					? this.published.updateService(service)
						.flatMap((count) -> (count == 1) ? Mono.<Void>empty()
								: Mono.error(RuntimeRequests.concurrent("services", version.serviceId())))
					: this.published.insertService(service);
			return insert.then(pointer)
				.then(Mono.fromRunnable(() -> results.add(PublishedServiceResponse.of(service, version))));
		})
			.then(Mono
				.defer(() -> changes.isEmpty() ? Mono.just(target.configRevision()) : this.revisions.bump(target.id())))
			.map((revision) -> new PublishResponse(target.id(), revision, results, results.size()));
	}

	private static PublishedVersionRow copy(PublishedVersionRow source, String targetGroupId, RuntimeConfig runtime,
			String publishedBy, OffsetDateTime now) {
		return new PublishedVersionRow(UUID.randomUUID().toString(), targetGroupId, source.serviceId(),
				source.serviceName(), source.serviceType(), source.upstreamScheme(), source.version(), source.routes(),
				runtime, source.description(), publishedBy, now);
	}

	private record Prepared(PublishedVersionRow source, RuntimeConfig runtime, PublishedServiceRow current,
			PublishedVersionRow existing) {

	}

}

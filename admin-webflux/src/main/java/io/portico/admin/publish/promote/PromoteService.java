package io.portico.admin.publish.promote;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.portico.admin.group.GatewayGroupRow;
import io.portico.admin.group.GatewayGroupService;
import io.portico.admin.publish.PublishCore;
import io.portico.admin.publish.PublishResponse;
import io.portico.admin.publish.PublishService;
import io.portico.admin.publish.PublishedRepository;
import io.portico.admin.publish.PublishedServiceResponse;
import io.portico.admin.publish.PublishedServiceRow;
import io.portico.admin.publish.PublishedVersionRow;
import io.portico.admin.publish.RuntimeRequests;
import io.portico.admin.web.ApiException;
import io.portico.compiler.model.RuntimeConfig;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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

	private final PublishCore core;

	public PromoteService(GatewayGroupService groups, PublishedRepository published, PublishCore core) {
		this.groups = groups;
		this.published = published;
		this.core = core;
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
		List<PromoteRequest.ServiceRuntime> services = request.services();
		Mono<Void> distinctGroups = source.equals(target)
				? Mono.error(ApiException.badRequest("target_gateway_group_id",
						"must differ from source_gateway_group_id: a version is promoted to another gateway group"))
				: Mono.empty();
		return PublishCore.concurrentBatch(distinctGroups
			.then(PublishCore.checkBatch(services, PromoteRequest.ServiceRuntime::serviceId, "service_id", "service"))
			.then(this.groups.require(source, "source_gateway_group_id"))
			.then(this.groups.require(target, "target_gateway_group_id"))
			.flatMap((targetGroup) -> Flux.range(0, services.size())
				.concatMap((i) -> prepare(source, target, i, services.get(i)))
				.collectList()
				.flatMap((prepared) -> write(targetGroup, prepared, publishedBy))));
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
					.flatMap((existing) -> check(target, at, request, version, current.orElse(null),
							existing.orElse(null)))))
			.flatMap((prepared) -> this.core
				.checkRegistry(target, prepared.runtime().upstream(), at + ".upstream.service_registry_id")
				.thenReturn(prepared));
	}

	private Mono<Prepared> check(String target, String at, PromoteRequest.ServiceRuntime request,
			PublishedVersionRow version, PublishedServiceRow current, PublishedVersionRow existing) {
		if (current != null && current.hasCanary()) {
			return Mono.error(RuntimeRequests.canaryActive(at + ".service_id", target, request.serviceId()));
		}
		if (existing != null && !existing.routes().equals(version.routes())) {
			return Mono.error(ApiException.conflict(at + ".service_id",
					"gateway group '" + target + "' already has version " + version.version() + " of '"
							+ request.serviceId() + "' with different routes; publish a new version instead"));
		}
		return Mono
			.fromCallable(
					() -> RuntimeRequests.merge(at, request.runtime(), (current != null) ? current.runtime() : null))
			.flatMap((runtime) -> {
				if (current != null && !current.upstreamKind().equals(runtime.upstream().kind())) {
					return Mono
						.error(RuntimeRequests.switchRefused(at, current.upstreamKind(), runtime.upstream().kind()));
				}
				return this.core.compile(target, version, runtime, at)
					.thenReturn(new Prepared(version, runtime, current, existing));
			});
	}

	private Mono<PublishResponse> write(GatewayGroupRow target, List<Prepared> prepared, String publishedBy) {
		OffsetDateTime now = this.core.now();
		return Flux.fromIterable(prepared).concatMap((item) -> {
			PublishedServiceRow current = item.current();
			PublishedVersionRow existing = item.existing();
			if (current != null && existing != null && existing.id().equals(current.currentVersionId())
					&& item.runtime().equals(current.runtime())) {
				// Already promoted: idempotent, and the gateways have nothing to reload.
				return Mono.just(new Written(PublishedServiceResponse.of(current, existing), false));
			}
			PublishedVersionRow version = (existing != null) ? existing
					: copy(item.source(), target.id(), item.runtime(), publishedBy, now);
			return this.core.writeCurrent(version, existing != null, current, item.runtime(), now)
				.map((response) -> new Written(response, true));
		}).collectList().flatMap((written) -> {
			List<PublishedServiceResponse> results = written.stream().map(Written::response).toList();
			Mono<Long> revision = written.stream().anyMatch(Written::changed) ? this.core.bump(target.id())
					: Mono.just(target.configRevision());
			return revision.map((value) -> new PublishResponse(target.id(), value, results, results.size()));
		});
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

	private record Written(PublishedServiceResponse response, boolean changed) {

	}

}

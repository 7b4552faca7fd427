package io.portico.admin.publish;

import io.portico.admin.group.GatewayGroupService;
import io.portico.admin.web.ListResponse;
import io.portico.admin.web.PageQuery;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a gateway group serves now: listing and reading published services, replacing a
 * service's runtime configuration, and unpublishing it.
 */
@Service
public class PublishedStateService {

	private final GatewayGroupService groups;

	private final PublishedRepository published;

	private final PublishedLookup lookup;

	private final PublishCore core;

	public PublishedStateService(GatewayGroupService groups, PublishedRepository published, PublishedLookup lookup,
			PublishCore core) {
		this.groups = groups;
		this.published = published;
		this.lookup = lookup;
		this.core = core;
	}

	/**
	 * Lists what a group serves.
	 * @param groupId the group
	 * @param page the page
	 * @return the page of published services
	 */
	@Transactional(readOnly = true)
	public Mono<ListResponse<PublishedServiceResponse>> list(String groupId, PageQuery page) {
		return this.groups.require(groupId, "gateway_group_id")
			.then(this.published.findServices(groupId, page.offset(), page.pageSize()).collectList())
			// Rows read to the end before the next query (one connection per
			// transaction).
			.flatMapMany(Flux::fromIterable)
			.concatMap((service) -> this.published.findVersion(service.currentVersionId())
				.map((version) -> PublishedServiceResponse.of(service, version)))
			.collectList()
			.zipWith(this.published.countServices(groupId), ListResponse::new);
	}

	/**
	 * Reads the current version of a published service with routes and runtime.
	 * @param groupId the group
	 * @param serviceId the service
	 * @return the published service
	 */
	@Transactional(readOnly = true)
	public Mono<PublishedServiceDetailResponse> get(String groupId, String serviceId) {
		return this.lookup.detail(groupId, serviceId);
	}

	/**
	 * Replaces the runtime configuration of a published service, checked by compiling the
	 * current version's routes with it; the upstream keeps its kind.
	 * @param groupId the group
	 * @param serviceId the service
	 * @param request the new runtime configuration
	 * @return the published service with its new runtime configuration
	 */
	@Transactional
	public Mono<PublishedServiceDetailResponse> updateRuntime(String groupId, String serviceId,
			RuntimeRequest request) {
		return this.lookup.requireService(groupId, serviceId)
			.flatMap((service) -> this.published.findVersion(service.currentVersionId())
				.flatMap((version) -> Mono.fromCallable(() -> RuntimeRequests.replace(request.runtime()))
					.flatMap((runtime) -> {
						if (!service.upstreamKind().equals(runtime.upstream().kind())) {
							return Mono.error(RuntimeRequests.switchRefused("", service.upstreamKind(),
									runtime.upstream().kind()));
						}
						PublishedServiceRow updated = service.withCurrent(service.currentVersionId(), runtime,
								this.core.now());
						return this.core.compile(groupId, version, runtime, "")
							.then(this.core.checkRegistry(groupId, runtime.upstream(), "upstream.service_registry_id"))
							.then(this.core.checkCanaryWithRuntime(updated, version))
							.then(this.core.updateAndBump(updated, "service_id"));
					})))
			.then(this.lookup.detail(groupId, serviceId));
	}

	/**
	 * Unpublishes a service from a group: its gateways stop serving it and its canary
	 * goes with it; its version history stays.
	 * @param groupId the group
	 * @param serviceId the service
	 * @return completion
	 */
	@Transactional
	public Mono<Void> unpublish(String groupId, String serviceId) {
		return this.lookup.requireService(groupId, serviceId)
			.flatMap((service) -> this.core.deleteAndBump(service, "service_id"))
			.then();
	}

}

package io.portico.admin.publish.history;

import io.portico.admin.group.GatewayGroupService;
import io.portico.admin.publish.PublishCore;
import io.portico.admin.publish.PublishedLookup;
import io.portico.admin.publish.PublishedRepository;
import io.portico.admin.publish.PublishedServiceDetailResponse;
import io.portico.admin.publish.PublishedServiceRow;
import io.portico.admin.publish.RuntimeRequests;
import io.portico.admin.web.ApiException;
import io.portico.admin.web.ListResponse;
import io.portico.admin.web.PageQuery;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The version history of a service in a group: listing, rolling back to an earlier
 * version, and comparing two versions (also across groups).
 */
@Service
public class VersionHistoryService {

	private final GatewayGroupService groups;

	private final PublishedRepository published;

	private final PublishedLookup lookup;

	private final PublishCore core;

	public VersionHistoryService(GatewayGroupService groups, PublishedRepository published, PublishedLookup lookup,
			PublishCore core) {
		this.groups = groups;
		this.published = published;
		this.lookup = lookup;
		this.core = core;
	}

	/**
	 * The version history of a service in a group, newest first; also after the service
	 * was unpublished from the group.
	 * @param groupId the group
	 * @param serviceId the service
	 * @param page the page
	 * @return the page of versions; 404 when the group has no version of the service
	 */
	@Transactional(readOnly = true)
	public Mono<ListResponse<VersionResponse>> versions(String groupId, String serviceId, PageQuery page) {
		return this.groups.require(groupId, "gateway_group_id")
			.then(this.published.findService(groupId, serviceId)
				.map(PublishedServiceRow::currentVersionId)
				.defaultIfEmpty(""))
			.flatMap((currentId) -> this.published.findVersions(groupId, serviceId)
				.map((v) -> new VersionResponse(v.id(), v.version(), v.publishedAt(), v.publishedBy(), v.description(),
						v.id().equals(currentId)))
				.collectList())
			.flatMap((all) -> all.isEmpty()
					? Mono.error(ApiException.notFound("service_id",
							"service with versions in gateway group '" + groupId + "'", serviceId))
					: Mono.just(new ListResponse<>(all.stream().skip(page.offset()).limit(page.pageSize()).toList(),
							all.size())));
	}

	/**
	 * Makes an earlier version of this group's history current again; the runtime
	 * configuration stays.
	 * @param groupId the group
	 * @param serviceId the service
	 * @param request the version
	 * @return the published service
	 */
	@Transactional
	public Mono<PublishedServiceDetailResponse> rollback(String groupId, String serviceId, RollbackRequest request) {
		return this.lookup.requireService(groupId, serviceId).flatMap((service) -> {
			if (service.hasCanary()) {
				return Mono.error(RuntimeRequests.canaryActive("service_id", groupId, serviceId));
			}
			return this.lookup.requireVersion(groupId, serviceId, request.version(), "version").flatMap((version) -> {
				if (version.id().equals(service.currentVersionId())) {
					return Mono.error(ApiException.conflict("version",
							"version " + version.version() + " is already the current version"));
				}
				PublishedServiceRow updated = service.withCurrent(version.id(), service.runtime(), this.core.now());
				return this.core.compile(groupId, version, service.runtime(), "version")
					.then(this.core.updateAndBump(updated, "service_id"))
					.then(this.lookup.detail(groupId, serviceId));
			});
		});
	}

	/**
	 * Compares the routes of two versions of a service.
	 * @param groupId the group of version {@code a}
	 * @param serviceId the service
	 * @param a the version compared from
	 * @param b the version compared to
	 * @param bGroupId the group of version {@code b}, {@code null} for the same group
	 * @return the differences
	 */
	@Transactional(readOnly = true)
	public Mono<VersionDiffResponse> diff(String groupId, String serviceId, String a, String b, String bGroupId) {
		String otherGroup = (bGroupId != null && !bGroupId.isBlank()) ? bGroupId : groupId;
		return this.groups.require(groupId, "gateway_group_id")
			.then(this.groups.require(otherGroup, "b_gateway_group_id"))
			.then(this.lookup.requireVersion(groupId, serviceId, a, "a"))
			.flatMap((from) -> this.lookup.requireVersion(otherGroup, serviceId, b, "b")
				.map((to) -> VersionDiff.compare(from, to)));
	}

}

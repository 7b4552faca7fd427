package io.portico.admin.publish;

import io.portico.admin.group.GatewayGroupService;
import io.portico.admin.web.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Reads published services for the lifecycle operations, failing with the API's 404s.
 */
@Component
public class PublishedLookup {

	private final GatewayGroupService groups;

	private final PublishedRepository published;

	public PublishedLookup(GatewayGroupService groups, PublishedRepository published) {
		this.groups = groups;
		this.published = published;
	}

	/**
	 * What a group serves for a service.
	 * @param groupId the group
	 * @param serviceId the service
	 * @return the row; 404 on {@code gateway_group_id} or {@code service_id}
	 */
	public Mono<PublishedServiceRow> requireService(String groupId, String serviceId) {
		return this.groups.require(groupId, "gateway_group_id")
			.then(this.published.findService(groupId, serviceId))
			.switchIfEmpty(Mono.error(() -> ApiException.notFound("service_id",
					"service published in gateway group '" + groupId + "'", serviceId)));
	}

	/**
	 * A version of a service in a group's history.
	 * @param groupId the group
	 * @param serviceId the service
	 * @param version the version string
	 * @param field the field to blame
	 * @return the row; 404 on {@code field}
	 */
	public Mono<PublishedVersionRow> requireVersion(String groupId, String serviceId, String version, String field) {
		return this.published.findVersion(groupId, serviceId, version)
			.switchIfEmpty(Mono.error(() -> ApiException.notFound(field,
					"version of service '" + serviceId + "' in gateway group '" + groupId + "'", version)));
	}

	/**
	 * The detail of a published service: current version, runtime and canary.
	 * @param groupId the group
	 * @param serviceId the service
	 * @return the detail; 404 when not published
	 */
	public Mono<PublishedServiceDetailResponse> detail(String groupId, String serviceId) {
		return requireService(groupId, serviceId).flatMap(this::detail);
	}

	/**
	 * The detail of a published service row.
	 * @param service the row
	 * @return the detail
	 */
	public Mono<PublishedServiceDetailResponse> detail(PublishedServiceRow service) {
		return this.published.findVersion(service.currentVersionId())
			.map((version) -> PublishedServiceDetailResponse.of(service, version));
	}

}

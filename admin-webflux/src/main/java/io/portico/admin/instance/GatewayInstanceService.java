package io.portico.admin.instance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.portico.admin.config.AdminProperties;
import io.portico.admin.group.GatewayGroupService;
import io.portico.admin.store.JsonColumns;
import io.portico.admin.web.ListResponse;
import io.portico.admin.web.PageQuery;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The gateway instances of a group as the API shows them, each with a status computed
 * from its last heartbeat.
 */
@Service
public class GatewayInstanceService {

	private final GatewayGroupService groups;

	private final GatewayInstanceRepository instances;

	private final JsonColumns json;

	private final Clock clock;

	private final AdminProperties.Instances thresholds;

	public GatewayInstanceService(GatewayGroupService groups, GatewayInstanceRepository instances, JsonColumns json,
			Clock clock, AdminProperties properties) {
		this.groups = groups;
		this.instances = instances;
		this.json = json;
		this.clock = clock;
		this.thresholds = properties.instances();
	}

	/**
	 * One page of a group's instances.
	 * @param groupId the group
	 * @param page the page
	 * @return the page; 404 when the group does not exist
	 */
	public Mono<ListResponse<GatewayInstanceResponse>> list(String groupId, PageQuery page) {
		return this.groups.require(groupId, "gateway_group_id")
			.then(this.instances.findPage(groupId, page.offset(), page.pageSize()).map(this::toResponse).collectList())
			.zipWith(this.instances.count(groupId), ListResponse::new);
	}

	private GatewayInstanceResponse toResponse(GatewayInstanceRow row) {
		Duration age = Duration.between(row.lastHeartbeatAt().toInstant(), Instant.now(this.clock));
		InstanceStatus status = InstanceStatus.of(age, row.configStatus(), this.thresholds.lostAfter(),
				this.thresholds.offlineAfter());
		return new GatewayInstanceResponse(row.id(), row.hostname(), row.address(), row.softwareVersion(),
				row.configRevision(), status, row.lastHeartbeatAt(), row.startedAt(),
				this.json.readObjectArray(row.configErrors()), this.json.readObjectArray(row.discovery()));
	}

}

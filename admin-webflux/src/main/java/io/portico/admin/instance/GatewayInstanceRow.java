package io.portico.admin.instance;

import java.time.OffsetDateTime;

/**
 * A row of table {@code gateway_instance}, written by the gateways.
 *
 * @param id the instance id
 * @param gatewayGroupId its group
 * @param hostname host name
 * @param address address the instance reported
 * @param softwareVersion Portico version of the instance
 * @param configRevision revision it applied
 * @param configStatus {@code ok} or {@code error}
 * @param configErrors JSON array of what it could not apply
 * @param discovery JSON array of the discovered upstreams it follows, with their stale
 * flags
 * @param startedAt start time
 * @param lastHeartbeatAt last heartbeat
 */
public record GatewayInstanceRow(String id, String gatewayGroupId, String hostname, String address,
		String softwareVersion, long configRevision, String configStatus, String configErrors, String discovery,
		OffsetDateTime startedAt, OffsetDateTime lastHeartbeatAt) {

}

package io.portico.admin.instance;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A gateway instance as the API returns it.
 *
 * @param id the instance id
 * @param hostname host name
 * @param address reported address
 * @param softwareVersion Portico version
 * @param configRevision revision it applied
 * @param status computed status
 * @param lastHeartbeatAt last heartbeat
 * @param startedAt start time
 * @param configErrors what it could not apply
 * @param discovery the discovered upstreams it follows, with their stale flags
 */
@Schema(description = "A running gateway of the group.")
public record GatewayInstanceResponse(@Schema(description = "Instance id.", example = "gw-7d9f-1") String id,
		@Schema(description = "Host name.", example = "gateway-0") String hostname,
		@Schema(description = "Address the instance reported.", example = "10.0.0.12:9080") String address,
		@JsonProperty("software_version") @Schema(description = "Portico version of the instance.",
				example = "0.1.0") String softwareVersion,
		@JsonProperty("config_revision") @Schema(description = "Config revision the instance serves.",
				example = "3") long configRevision,
		@Schema(description = "healthy, only_heartbeat (config delivery fails), lost_connection (no heartbeat"
				+ " for 30 s) or offline (no heartbeat for 2 h).", example = "healthy") InstanceStatus status,
		@JsonProperty("last_heartbeat_at") @Schema(description = "Last heartbeat (UTC).",
				example = "2025-01-01T12:00:00Z") OffsetDateTime lastHeartbeatAt,
		@JsonProperty("started_at") @Schema(description = "Start time (UTC).",
				example = "2025-01-01T11:00:00Z") OffsetDateTime startedAt,
		@JsonProperty("config_errors") @Schema(
				description = "What the instance could not apply, such as a route it skipped.",
				example = "[{\"service_id\": \"httpbin\", \"version\": \"1.0.0\", \"message\":"
						+ " \"routes[0].paths[0]: must start with /\"}]") List<Map<String, Object>> configErrors,
		@Schema(description = "The discovered upstreams this instance follows: endpoint counts, and whether"
				+ " they are stale (the registry failed; the last known endpoints keep serving).",
				example = "[{\"service_registry_id\": \"k8s\", \"namespace\": \"default\", \"service_name\":"
						+ " \"httpbin\", \"port_name\": null, \"endpoints\": 2, \"stale\": false, \"last_error\":"
						+ " null, \"updated_at\": \"2025-01-01T12:00:00Z\"}]") List<Map<String, Object>> discovery) {

	/**
	 * Creates the response.
	 * @param id the instance id
	 * @param hostname host name
	 * @param address reported address
	 * @param softwareVersion Portico version
	 * @param configRevision revision it applied
	 * @param status computed status
	 * @param lastHeartbeatAt last heartbeat
	 * @param startedAt start time
	 * @param configErrors what it could not apply
	 * @param discovery the discovered upstreams it follows
	 */
	public GatewayInstanceResponse {
		configErrors = List.copyOf(configErrors);
		discovery = List.copyOf(discovery);
	}

}

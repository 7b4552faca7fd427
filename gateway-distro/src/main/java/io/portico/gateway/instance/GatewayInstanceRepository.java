package io.portico.gateway.instance;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.portico.gateway.discovery.DiscoveryStatus;
import io.portico.gateway.load.ConfigError;
import io.portico.gateway.sync.AppliedConfig;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Writes this instance's row in {@code gateway_instance}, the gateway's only write.
 *
 * <p>
 * An update, then an insert when no row was updated: plain SQL that PostgreSQL and H2
 * both run.
 */
public class GatewayInstanceRepository {

	private static final String UPDATE = "update gateway_instance set gateway_group_id = :group,"
			+ " hostname = :hostname, address = :address, software_version = :version,"
			+ " config_revision = :revision, config_status = :status, config_errors = :errors,"
			+ " discovery = :discovery, started_at = :started, last_heartbeat_at = :now where id = :id";

	private static final String INSERT = "insert into gateway_instance (id, gateway_group_id, hostname, address,"
			+ " software_version, config_revision, config_status, config_errors, discovery, started_at,"
			+ " last_heartbeat_at) values (:id, :group, :hostname, :address, :version, :revision, :status, :errors,"
			+ " :discovery, :started, :now)";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DatabaseClient client;

	public GatewayInstanceRepository(DatabaseClient client) {
		this.client = client;
	}

	/**
	 * Writes the heartbeat.
	 * @param identity this instance
	 * @param group its gateway group
	 * @param config what it serves
	 * @param discovery what it knows of each watched service
	 * @param now the heartbeat time (UTC)
	 * @return completes when written
	 */
	public Mono<Void> heartbeat(InstanceIdentity identity, String group, AppliedConfig config,
			List<DiscoveryStatus> discovery, OffsetDateTime now) {
		String errors = errorsJson(config.errors());
		String discovered = discoveryJson(discovery);
		return bind(this.client.sql(UPDATE), identity, group, config, errors, discovered, now).fetch()
			.rowsUpdated()
			.flatMap((updated) -> (updated > 0) ? Mono.empty()
					: bind(this.client.sql(INSERT), identity, group, config, errors, discovered, now).fetch()
						.rowsUpdated())
			.then();
	}

	/**
	 * Serializes discovery statuses as stored in {@code discovery}.
	 * @param statuses the statuses
	 * @return {@code [{"service_registry_id":…,"namespace":…,"service_name":…,"port_name":…,
	 * "endpoints":n,"stale":…,"last_error":…,"updated_at":…}]}
	 */
	static String discoveryJson(List<DiscoveryStatus> statuses) {
		ArrayNode array = JsonNodeFactory.instance.arrayNode();
		for (DiscoveryStatus status : statuses) {
			ObjectNode item = array.addObject();
			item.put("service_registry_id", status.key().registryId());
			item.put("namespace", status.key().namespace());
			item.put("service_name", status.key().serviceName());
			item.put("port_name", status.key().portName());
			item.put("endpoints", status.endpoints());
			item.put("stale", status.stale());
			item.put("last_error", status.lastError());
			item.put("updated_at",
					(status.updatedAt() != null) ? status.updatedAt().atOffset(ZoneOffset.UTC).toString() : null);
		}
		return JSON.writeValueAsString(array);
	}

	/**
	 * Serializes errors as stored in {@code config_errors}.
	 * @param errors the errors
	 * @return {@code [{"service_id":…,"version":…,"message":…}]}
	 */
	static String errorsJson(List<ConfigError> errors) {
		ArrayNode array = JsonNodeFactory.instance.arrayNode();
		for (ConfigError error : errors) {
			ObjectNode item = array.addObject();
			item.put("service_id", error.serviceId());
			item.put("version", error.version());
			if (error.serviceRegistryId() != null) {
				item.put("service_registry_id", error.serviceRegistryId());
			}
			item.put("message", error.message());
		}
		return JSON.writeValueAsString(array);
	}

	private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec,
			InstanceIdentity identity, String group, AppliedConfig config, String errors, String discovery,
			OffsetDateTime now) {
		return spec.bind("id", identity.id())
			.bind("group", group)
			.bind("hostname", truncate(identity.hostname(), 255))
			.bind("address", truncate(identity.address(), 255))
			.bind("version", truncate(identity.softwareVersion(), 64))
			.bind("revision", config.revision())
			.bind("status", config.status())
			.bind("errors", errors)
			.bind("discovery", discovery)
			.bind("started", identity.startedAt())
			.bind("now", now);
	}

	private static String truncate(String value, int max) {
		return (value.length() > max) ? value.substring(0, max) : value;
	}

}

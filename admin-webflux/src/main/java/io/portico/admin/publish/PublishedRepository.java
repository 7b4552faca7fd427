package io.portico.admin.publish;

import java.time.OffsetDateTime;

import io.portico.compiler.json.StoredFormat;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code published_version} and {@code published_service}; routes and runtime are
 * kept in the route-compiler's stored format, which the gateway reads.
 */
@Repository
public class PublishedRepository {

	private static final String VERSION_COLUMNS = "id, gateway_group_id, service_id, service_name, service_type,"
			+ " upstream_scheme, version, routes, runtime, description, published_by, published_at";

	private static final String SERVICE_COLUMNS = "gateway_group_id, service_id, current_version_id, runtime,"
			+ " upstream_kind, created_at, updated_at, row_version, canary, canary_version_id";

	private final DatabaseClient db;

	public PublishedRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Whether a version string is already published for a service in a group.
	 * @param groupId the group
	 * @param serviceId the service
	 * @param version the version string
	 * @return {@code true} when it exists (current or history)
	 */
	public Mono<Boolean> versionExists(String groupId, String serviceId, String version) {
		return this.db
			.sql("select count(*) from published_version where gateway_group_id = :groupId"
					+ " and service_id = :serviceId and version = :version")
			.bind("groupId", groupId)
			.bind("serviceId", serviceId)
			.bind("version", version)
			.map((row) -> row.get(0, Long.class) > 0)
			.one();
	}

	/**
	 * Finds a version by id.
	 * @param id the version id
	 * @return the row, or empty
	 */
	public Mono<PublishedVersionRow> findVersion(String id) {
		return this.db.sql("select " + VERSION_COLUMNS + " from published_version where id = :id")
			.bind("id", id)
			.map(PublishedRepository::toVersion)
			.one();
	}

	/**
	 * The versions of a service in a group, newest first.
	 * @param groupId the group
	 * @param serviceId the service
	 * @return the rows
	 */
	public Flux<PublishedVersionRow> findVersions(String groupId, String serviceId) {
		return this.db
			.sql("select " + VERSION_COLUMNS + " from published_version where gateway_group_id = :groupId"
					+ " and service_id = :serviceId order by published_at desc, id desc")
			.bind("groupId", groupId)
			.bind("serviceId", serviceId)
			.map(PublishedRepository::toVersion)
			.all();
	}

	/**
	 * Inserts a version.
	 * @param row the row
	 * @return completion
	 */
	public Mono<Void> insertVersion(PublishedVersionRow row) {
		return this.db
			.sql("insert into published_version (" + VERSION_COLUMNS + ") values (:id, :groupId, :serviceId,"
					+ " :serviceName, :serviceType, :scheme, :version, :routes, :runtime, :description, :publishedBy,"
					+ " :publishedAt)")
			.bind("id", row.id())
			.bind("groupId", row.gatewayGroupId())
			.bind("serviceId", row.serviceId())
			.bind("serviceName", row.serviceName())
			.bind("serviceType", row.serviceType())
			.bind("scheme", row.upstreamScheme())
			.bind("version", row.version())
			.bind("routes", StoredFormat.writeRoutes(row.routes()))
			.bind("runtime", StoredFormat.writeRuntime(row.runtime()))
			.bind("description", row.description())
			.bind("publishedBy", row.publishedBy())
			.bind("publishedAt", row.publishedAt())
			.then();
	}

	/**
	 * Finds what a group serves for a service.
	 * @param groupId the group
	 * @param serviceId the service
	 * @return the row, or empty when the service is not published there
	 */
	public Mono<PublishedServiceRow> findService(String groupId, String serviceId) {
		return this.db
			.sql("select " + SERVICE_COLUMNS + " from published_service where gateway_group_id = :groupId"
					+ " and service_id = :serviceId")
			.bind("groupId", groupId)
			.bind("serviceId", serviceId)
			.map(PublishedRepository::toService)
			.one();
	}

	/**
	 * One page of what a group serves, by service name.
	 * @param groupId the group
	 * @param offset rows to skip
	 * @param limit rows to return
	 * @return the rows
	 */
	public Flux<PublishedServiceRow> findServices(String groupId, long offset, int limit) {
		return this.db
			.sql("select ps.gateway_group_id, ps.service_id, ps.current_version_id, ps.runtime, ps.upstream_kind,"
					+ " ps.created_at, ps.updated_at, ps.row_version, ps.canary, ps.canary_version_id"
					+ " from published_service ps" + " join published_version pv on pv.id = ps.current_version_id"
					+ " where ps.gateway_group_id = :groupId order by pv.service_name, ps.service_id"
					+ " limit :limit offset :offset")
			.bind("groupId", groupId)
			.bind("limit", limit)
			.bind("offset", offset)
			.map(PublishedRepository::toService)
			.all();
	}

	/**
	 * Counts the services a group serves.
	 * @param groupId the group
	 * @return the count
	 */
	public Mono<Long> countServices(String groupId) {
		return this.db.sql("select count(*) from published_service where gateway_group_id = :groupId")
			.bind("groupId", groupId)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	/**
	 * Inserts what a group serves for a newly published service.
	 * @param row the row
	 * @return completion
	 */
	public Mono<Void> insertService(PublishedServiceRow row) {
		return this.db
			.sql("insert into published_service (gateway_group_id, service_id, current_version_id, runtime,"
					+ " upstream_kind, created_at, updated_at, row_version) values (:groupId, :serviceId,"
					+ " :versionId, :runtime, :kind, :createdAt, :updatedAt, 0)")
			.bind("groupId", row.gatewayGroupId())
			.bind("serviceId", row.serviceId())
			.bind("versionId", row.currentVersionId())
			.bind("runtime", StoredFormat.writeRuntime(row.runtime()))
			.bind("kind", row.upstreamKind())
			.bind("createdAt", row.createdAt())
			.bind("updatedAt", row.updatedAt())
			.then();
	}

	/**
	 * Points a published service at another version, runtime and canary if it is still at
	 * the given row version.
	 * @param row the new values and the row version read before
	 * @return the number of rows updated: 0 when another write came first
	 */
	public Mono<Long> updateService(PublishedServiceRow row) {
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql("update published_service set current_version_id = :versionId, runtime = :runtime,"
					+ " upstream_kind = :kind, canary = :canary, canary_version_id = :canaryVersionId,"
					+ " updated_at = :updatedAt, row_version = row_version + 1"
					+ " where gateway_group_id = :groupId and service_id = :serviceId and row_version = :rowVersion");
		spec = bindText(spec, "canary", row.canary());
		spec = bindText(spec, "canaryVersionId", row.canaryVersionId());
		return spec.bind("groupId", row.gatewayGroupId())
			.bind("serviceId", row.serviceId())
			.bind("versionId", row.currentVersionId())
			.bind("runtime", StoredFormat.writeRuntime(row.runtime()))
			.bind("kind", row.upstreamKind())
			.bind("updatedAt", row.updatedAt())
			.bind("rowVersion", row.rowVersion())
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Removes a service from what a group serves (with its canary); its versions stay.
	 * @param groupId the group
	 * @param serviceId the service
	 * @param rowVersion the row version read before
	 * @return the number of rows deleted: 0 when another write came first
	 */
	public Mono<Long> deleteService(String groupId, String serviceId, long rowVersion) {
		return this.db
			.sql("delete from published_service where gateway_group_id = :groupId and service_id = :serviceId"
					+ " and row_version = :rowVersion")
			.bind("groupId", groupId)
			.bind("serviceId", serviceId)
			.bind("rowVersion", rowVersion)
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Finds a version of a service in a group by its version string.
	 * @param groupId the group
	 * @param serviceId the service
	 * @param version the version string
	 * @return the row, or empty
	 */
	public Mono<PublishedVersionRow> findVersion(String groupId, String serviceId, String version) {
		return this.db
			.sql("select " + VERSION_COLUMNS + " from published_version where gateway_group_id = :groupId"
					+ " and service_id = :serviceId and version = :version")
			.bind("groupId", groupId)
			.bind("serviceId", serviceId)
			.bind("version", version)
			.map(PublishedRepository::toVersion)
			.one();
	}

	private static DatabaseClient.GenericExecuteSpec bindText(DatabaseClient.GenericExecuteSpec spec, String name,
			String value) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, String.class);
	}

	private static PublishedVersionRow toVersion(Readable row) {
		return new PublishedVersionRow(row.get("id", String.class), row.get("gateway_group_id", String.class),
				row.get("service_id", String.class), row.get("service_name", String.class),
				row.get("service_type", String.class), row.get("upstream_scheme", String.class),
				row.get("version", String.class), StoredFormat.readRoutes(row.get("routes", String.class)),
				StoredFormat.readRuntime(row.get("runtime", String.class)), row.get("description", String.class),
				row.get("published_by", String.class), row.get("published_at", OffsetDateTime.class));
	}

	private static PublishedServiceRow toService(Readable row) {
		return new PublishedServiceRow(row.get("gateway_group_id", String.class), row.get("service_id", String.class),
				row.get("current_version_id", String.class), StoredFormat.readRuntime(row.get("runtime", String.class)),
				row.get("upstream_kind", String.class), row.get("created_at", OffsetDateTime.class),
				row.get("updated_at", OffsetDateTime.class), row.get("row_version", Long.class),
				row.get("canary", String.class), row.get("canary_version_id", String.class));
	}

}

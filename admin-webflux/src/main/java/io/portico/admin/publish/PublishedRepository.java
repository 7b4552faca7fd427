package io.portico.admin.publish;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

import io.portico.admin.store.Chunks;
import io.portico.admin.store.MultiRowInsert;
import io.portico.admin.store.MultiRowInsert.Column;
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

	private final MultiRowInsert<PublishedVersionRow> versionInsert;

	private final MultiRowInsert<PublishedServiceRow> serviceInsert;

	public PublishedRepository(DatabaseClient db) {
		this.db = db;
		this.versionInsert = MultiRowInsert.into(db, "published_version",
				List.of(new Column<>("id", String.class, PublishedVersionRow::id),
						new Column<>("gateway_group_id", String.class, PublishedVersionRow::gatewayGroupId),
						new Column<>("service_id", String.class, PublishedVersionRow::serviceId),
						new Column<>("service_name", String.class, PublishedVersionRow::serviceName),
						new Column<>("service_type", String.class, PublishedVersionRow::serviceType),
						new Column<>("upstream_scheme", String.class, PublishedVersionRow::upstreamScheme),
						new Column<>("version", String.class, PublishedVersionRow::version),
						new Column<>("routes", String.class, (row) -> StoredFormat.writeRoutes(row.routes())),
						new Column<>("runtime", String.class, (row) -> StoredFormat.writeRuntime(row.runtime())),
						new Column<>("description", String.class, PublishedVersionRow::description),
						new Column<>("published_by", String.class, PublishedVersionRow::publishedBy),
						new Column<>("published_at", OffsetDateTime.class, PublishedVersionRow::publishedAt)));
		this.serviceInsert = MultiRowInsert.into(db, "published_service",
				List.of(new Column<>("gateway_group_id", String.class, PublishedServiceRow::gatewayGroupId),
						new Column<>("service_id", String.class, PublishedServiceRow::serviceId),
						new Column<>("current_version_id", String.class, PublishedServiceRow::currentVersionId),
						new Column<>("runtime", String.class, (row) -> StoredFormat.writeRuntime(row.runtime())),
						new Column<>("upstream_kind", String.class, PublishedServiceRow::upstreamKind),
						new Column<>("created_at", OffsetDateTime.class, PublishedServiceRow::createdAt),
						new Column<>("updated_at", OffsetDateTime.class, PublishedServiceRow::updatedAt),
						new Column<>("row_version", Long.class, (row) -> 0L)));
	}

	/**
	 * The version strings already published for services in a group (current or history),
	 * for checking a large batch with one query per thousand services.
	 * @param groupId the group
	 * @param serviceIds the services
	 * @return one entry per stored version
	 */
	public Flux<VersionOf> findVersionStrings(String groupId, Collection<String> serviceIds) {
		return Flux.fromIterable(Chunks.of(serviceIds, Chunks.IN_LIST))
			.concatMap((chunk) -> this.db
				.sql("select service_id, version from published_version where gateway_group_id = :groupId"
						+ " and service_id in (:serviceIds)")
				.bind("groupId", groupId)
				.bind("serviceIds", chunk)
				.map((row) -> new VersionOf(row.get("service_id", String.class), row.get("version", String.class)))
				.all());
	}

	/**
	 * Versions by id: one query per thousand ids.
	 * @param ids the version ids
	 * @return the rows found
	 */
	public Flux<PublishedVersionRow> findVersions(Collection<String> ids) {
		return Flux.fromIterable(Chunks.of(ids, Chunks.IN_LIST))
			.concatMap(
					(chunk) -> this.db.sql("select " + VERSION_COLUMNS + " from published_version where id in (:ids)")
						.bind("ids", chunk)
						.map(PublishedRepository::toVersion)
						.all());
	}

	/**
	 * What a group serves of many services: one query per thousand services.
	 * @param groupId the group
	 * @param serviceIds the services
	 * @return the rows found
	 */
	public Flux<PublishedServiceRow> findServices(String groupId, Collection<String> serviceIds) {
		return Flux.fromIterable(Chunks.of(serviceIds, Chunks.IN_LIST))
			.concatMap((chunk) -> this.db
				.sql("select " + SERVICE_COLUMNS + " from published_service where gateway_group_id = :groupId"
						+ " and service_id in (:serviceIds)")
				.bind("groupId", groupId)
				.bind("serviceIds", chunk)
				.map(PublishedRepository::toService)
				.all());
	}

	/**
	 * Inserts many versions with multi-row statements (a large publish).
	 * @param rows the rows
	 * @return completion
	 */
	public Mono<Void> insertVersions(List<PublishedVersionRow> rows) {
		return this.versionInsert.insert(rows);
	}

	/**
	 * Inserts what a group serves for many newly published services, with multi-row
	 * statements.
	 * @param rows the rows
	 * @return completion
	 */
	public Mono<Void> insertServices(List<PublishedServiceRow> rows) {
		return this.serviceInsert.insert(rows);
	}

	/**
	 * Whether a version string is already published for a service in a group.
	 * @param groupId the group
	 * @param serviceId the service
	 * @param version the version string
	 * @return {@code true} when it exists (current or history)
	 */
	public Mono<Boolean> versionExists(String groupId, String serviceId, String version) {
		return forService("select count(*) from published_version", " and version = :version", groupId, serviceId)
			.bind("version", version)
			.map((row) -> row.get(0, Long.class) > 0)
			.one();
	}

	/**
	 * A statement on one service of a group: {@code head} (a select or delete of one
	 * table), the condition on the group and the service, then {@code tail}.
	 * @param head the statement up to its condition
	 * @param tail more conditions or an order, empty for none
	 * @param groupId the group
	 * @param serviceId the service
	 * @return the statement with both bound
	 */
	private DatabaseClient.GenericExecuteSpec forService(String head, String tail, String groupId, String serviceId) {
		return this.db.sql(head + " where gateway_group_id = :groupId and service_id = :serviceId" + tail)
			.bind("groupId", groupId)
			.bind("serviceId", serviceId);
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
		return forService("select " + VERSION_COLUMNS + " from published_version",
				" order by published_at desc, id desc", groupId, serviceId)
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
		return forService("select " + SERVICE_COLUMNS + " from published_service", "", groupId, serviceId)
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
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql("insert into published_service (gateway_group_id, service_id, current_version_id, runtime,"
					+ " upstream_kind, created_at, updated_at, row_version) values (:groupId, :serviceId,"
					+ " :versionId, :runtime, :kind, :createdAt, :updatedAt, 0)")
			.bind("createdAt", row.createdAt());
		return bindService(spec, row).then();
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
		return bindService(spec, row).bind("rowVersion", row.rowVersion()).fetch().rowsUpdated();
	}

	/**
	 * Binds what an insert and an update of a published service both write.
	 * @param spec the statement
	 * @param row the row
	 * @return the statement with the group, service, current version, runtime, upstream
	 * kind and update time bound
	 */
	private static DatabaseClient.GenericExecuteSpec bindService(DatabaseClient.GenericExecuteSpec spec,
			PublishedServiceRow row) {
		return spec.bind("groupId", row.gatewayGroupId())
			.bind("serviceId", row.serviceId())
			.bind("versionId", row.currentVersionId())
			.bind("runtime", StoredFormat.writeRuntime(row.runtime()))
			.bind("kind", row.upstreamKind())
			.bind("updatedAt", row.updatedAt());
	}

	/**
	 * Removes a service from what a group serves (with its canary); its versions stay.
	 * @param groupId the group
	 * @param serviceId the service
	 * @param rowVersion the row version read before
	 * @return the number of rows deleted: 0 when another write came first
	 */
	public Mono<Long> deleteService(String groupId, String serviceId, long rowVersion) {
		return forService("delete from published_service", " and row_version = :rowVersion", groupId, serviceId)
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
		return forService("select " + VERSION_COLUMNS + " from published_version", " and version = :version", groupId,
				serviceId)
			.bind("version", version)
			.map(PublishedRepository::toVersion)
			.one();
	}

	/**
	 * A version string stored for a service.
	 *
	 * @param serviceId the service
	 * @param version the version string
	 */
	public record VersionOf(String serviceId, String version) {

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

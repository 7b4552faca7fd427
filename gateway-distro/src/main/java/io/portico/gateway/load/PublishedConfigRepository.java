package io.portico.gateway.load;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Reads what is published to a gateway group and its registry connections. Read-only: the
 * admin writes these tables.
 */
public class PublishedConfigRepository {

	private static final String REVISION = "select config_revision from gateway_group where id = :group";

	// The current version and a version canary's version, without their (large,
	// immutable) routes.
	private static final String SERVICE_HEADS = "select ps.service_id, ps.runtime, pv.id as version_id, pv.version,"
			+ " pv.service_name, pv.upstream_scheme, ps.canary, cv.id as canary_version_id,"
			+ " cv.version as canary_version, cv.upstream_scheme as canary_upstream_scheme from published_service ps"
			+ " join published_version pv on pv.id = ps.current_version_id"
			+ " left join published_version cv on cv.id = ps.canary_version_id"
			+ " where ps.gateway_group_id = :group order by ps.service_id";

	private static final String VERSION_ROUTES = "select id, routes from published_version where id in (:ids)";

	private static final String REGISTRIES = "select id, name, type, settings, secrets from service_registry"
			+ " where gateway_group_id = :group order by id";

	private final DatabaseClient client;

	public PublishedConfigRepository(DatabaseClient client) {
		this.client = client;
	}

	/**
	 * Reads the group's config revision.
	 * @param group the gateway group id
	 * @return the revision, or empty when the group does not exist
	 */
	public Mono<Long> findRevision(String group) {
		return this.client.sql(REVISION)
			.bind("group", group)
			.map((row, metadata) -> row.get("config_revision", Long.class))
			.one();
	}

	/**
	 * Reads the group's published services with their current versions and canaries,
	 * without the routes of those versions ({@code routes} and {@code canaryRoutes} are
	 * {@code null}): a published version never changes, so the gateway reads the routes
	 * of a version once ({@link #findVersionRoutes(Collection)}).
	 * @param group the gateway group id
	 * @return the rows, ordered by service id
	 */
	public Flux<PublishedServiceRow> findPublishedServiceHeads(String group) {
		return this.client.sql(SERVICE_HEADS)
			.bind("group", group)
			.map((row, metadata) -> new PublishedServiceRow(row.get("service_id", String.class),
					row.get("runtime", String.class), row.get("version_id", String.class),
					row.get("version", String.class), row.get("service_name", String.class),
					row.get("upstream_scheme", String.class), null, row.get("canary", String.class),
					row.get("canary_version_id", String.class), row.get("canary_version", String.class),
					row.get("canary_upstream_scheme", String.class), null))
			.all();
	}

	/**
	 * Reads the routes of published versions.
	 * @param versionIds the {@code published_version} ids
	 * @return the stored routes JSON by version id; a version that does not exist is
	 * absent
	 */
	public Mono<Map<String, String>> findVersionRoutes(Collection<String> versionIds) {
		if (versionIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.client.sql(VERSION_ROUTES)
			.bind("ids", List.copyOf(versionIds))
			.map((row, metadata) -> Map.entry(row.get("id", String.class), row.get("routes", String.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/**
	 * Reads the group's registry connections, secrets included.
	 * @param group the gateway group id
	 * @return the rows, ordered by id
	 */
	public Flux<RegistryConnectionRow> findRegistries(String group) {
		return this.client.sql(REGISTRIES)
			.bind("group", group)
			.map((row, metadata) -> new RegistryConnectionRow(row.get("id", String.class),
					row.get("name", String.class), row.get("type", String.class), row.get("settings", String.class),
					row.get("secrets", String.class)))
			.all();
	}

}

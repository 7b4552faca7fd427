package io.portico.gateway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.portico.compiler.json.StoredFormat;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.Node;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.PassHost;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;
import io.portico.compiler.model.Timeouts;
import io.portico.testsupport.PostgresTestSchema;

/**
 * Publishes like the admin does, with SQL: a version row, the current-version pointer, a
 * revision bump and {@code pg_notify}, in one transaction.
 */
final class PublishFixture {

	private final PostgresTestSchema db;

	PublishFixture(PostgresTestSchema db) {
		this.db = db;
	}

	/**
	 * Sleeps between polls of an awaited condition.
	 * @param millis how long
	 */
	static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String routes(String path, String... methods) {
		return StoredFormat.writeRoutes(List
			.of(new RouteSpec("r-" + UUID.randomUUID(), "route", List.of(path), List.of(methods), "", Map.of())));
	}

	static String runtime(List<Node> nodes) {
		return runtime(nodes, PassHost.PASS, null, null);
	}

	static String runtime(List<Node> nodes, PassHost passHost, String upstreamHost, Timeouts timeouts) {
		return StoredFormat
			.writeRuntime(new RuntimeConfig(new NodesUpstream(nodes), List.of(), "", passHost, upstreamHost, timeouts));
	}

	static Node node(int port, int weight) {
		return new Node("127.0.0.1", port, weight);
	}

	static String discoveryRuntime(String registryId, String namespace, String serviceName) {
		return StoredFormat
			.writeRuntime(new RuntimeConfig(new DiscoveryUpstream(registryId, namespace, serviceName, null), List.of(),
					"", PassHost.PASS, null, null));
	}

	/**
	 * Creates a registry connection as the admin stores it, and bumps the revision.
	 * @return the new config revision of the group
	 */
	long registry(String group, String id, String type, String settings, String secrets) {
		return changeAndBump(group,
				(connection) -> update(connection,
						"insert into service_registry (id,"
								+ " gateway_group_id, name, type, settings, secrets, created_at, updated_at)"
								+ " values (?, ?, ?, ?, ?, ?, current_timestamp, current_timestamp)",
						id, group, "registry " + id, type, settings, secrets));
	}

	/**
	 * Reads one column of an instance row.
	 * @return the value, or {@code null} when the row does not exist yet
	 */
	String instanceColumn(String instanceId, String column) {
		return queryString("select " + column + " from gateway_instance where id = ?", instanceId);
	}

	void createGroup(String group) {
		this.db.execute("insert into gateway_group (id, name, created_at, updated_at) values ('" + group + "', '"
				+ group + "', current_timestamp, current_timestamp) on conflict do nothing");
	}

	/**
	 * Publishes a version and makes it current.
	 * @return the new config revision of the group
	 */
	long publish(String group, String serviceId, String version, String routes, String runtime) {
		return changeAndBump(group, (connection) -> {
			String versionId = insertVersion(connection, group, serviceId, version, routes, runtime);
			update(connection, "insert into published_service"
					+ " (gateway_group_id, service_id, current_version_id, runtime, upstream_kind, created_at,"
					+ " updated_at) values (?, ?, ?, ?, ?, current_timestamp, current_timestamp)"
					+ " on conflict (gateway_group_id, service_id) do update set current_version_id ="
					+ " excluded.current_version_id, runtime = excluded.runtime, upstream_kind = excluded.upstream_kind,"
					+ " updated_at = current_timestamp," + " row_version = published_service.row_version + 1", group,
					serviceId, versionId, runtime, upstreamKind(runtime));
		});
	}

	/**
	 * Publishes a version into the history of a published service without making it
	 * current, as the admin does for a version canary; the revision stays.
	 * @return the id of the new published version
	 */
	String publishHistory(String group, String serviceId, String version, String routes, String runtime) {
		try (Connection connection = this.db.connect()) {
			return insertVersion(connection, group, serviceId, version, routes, runtime);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sets (or, with {@code null}, removes) the canary of a published service, as the
	 * admin does, and bumps the revision.
	 * @param canary the stored canary JSON, or {@code null}
	 * @param canaryVersionId the published version of a version canary, or {@code null}
	 * @return the new config revision of the group
	 */
	long canary(String group, String serviceId, String canary, String canaryVersionId) {
		return changeAndBump(group, (connection) -> {
			if (update(connection,
					"update published_service set canary = ?,"
							+ " canary_version_id = ?, updated_at = current_timestamp,"
							+ " row_version = row_version + 1 where gateway_group_id = ? and service_id = ?",
					canary, canaryVersionId, group, serviceId) != 1) {
				throw new IllegalStateException(serviceId + " is not published in " + group);
			}
		});
	}

	/**
	 * Finishes an upstream canary on the canary side, as the admin does: the canary's
	 * upstream becomes the runtime upstream (its kind may change) and the canary is
	 * removed, in one transaction with the revision bump.
	 * @param runtime the new runtime JSON, with the canary's upstream
	 * @return the new config revision of the group
	 */
	long finishUpstreamCanary(String group, String serviceId, String runtime) {
		return changeAndBump(group,
				(connection) -> update(connection, "update published_service set runtime = ?,"
						+ " upstream_kind = ?, canary = null, canary_version_id = null, updated_at = current_timestamp,"
						+ " row_version = row_version + 1 where gateway_group_id = ? and service_id = ?", runtime,
						upstreamKind(runtime), group, serviceId));
	}

	private static String insertVersion(Connection connection, String group, String serviceId, String version,
			String routes, String runtime) throws SQLException {
		String versionId = UUID.randomUUID().toString();
		update(connection,
				"insert into published_version (id,"
						+ " gateway_group_id, service_id, service_name, service_type, upstream_scheme, version, routes,"
						+ " runtime, published_by, published_at)"
						+ " values (?, ?, ?, ?, 'http', 'http', ?, ?, ?, 'test', current_timestamp)",
				versionId, group, serviceId, serviceId, version, routes, runtime);
		return versionId;
	}

	long revision(String group) {
		return Long.parseLong(queryString("select config_revision from gateway_group where id = ?", group));
	}

	private String queryString(String sql, String parameter) {
		try (Connection connection = this.db.connect(); PreparedStatement select = connection.prepareStatement(sql)) {
			select.setString(1, parameter);
			try (var rows = select.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Runs a change and the revision bump (with its notification) in one transaction.
	 * @return the new config revision of the group
	 */
	private long changeAndBump(String group, Change change) {
		try (Connection connection = this.db.connect()) {
			connection.setAutoCommit(false);
			change.apply(connection);
			long revision = bump(connection, group);
			connection.commit();
			return revision;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int update(Connection connection, String sql, String... parameters) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			return statement.executeUpdate();
		}
	}

	private static String upstreamKind(String runtime) {
		return runtime.contains("\"service_registry_id\"") ? "discovery" : "nodes";
	}

	private static long bump(Connection connection, String group) throws SQLException {
		long revision;
		try (PreparedStatement update = connection.prepareStatement("update gateway_group set config_revision ="
				+ " config_revision + 1, updated_at = current_timestamp where id = ? returning config_revision")) {
			update.setString(1, group);
			try (var rows = update.executeQuery()) {
				rows.next();
				revision = rows.getLong(1);
			}
		}
		try (PreparedStatement notify = connection.prepareStatement("select pg_notify('portico_config', ?)")) {
			notify.setString(1, group);
			notify.execute();
		}
		return revision;
	}

	/**
	 * Statements of one transaction.
	 */
	@FunctionalInterface
	private interface Change {

		void apply(Connection connection) throws SQLException;

	}

}

package io.portico.admin;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portico.secrets.SecretCipher;
import io.portico.secrets.SecretKeys;
import io.portico.testsupport.PostgresTestSchema;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points an admin test context at one PostgreSQL schema, and reads the schema's state so
 * that tests can prove a failed request changed nothing.
 */
public final class AdminTestDatabase {

	private static final List<String> TABLES = List.of("gateway_group", "service_template", "template_route",
			"published_version", "published_service", "gateway_instance", "service_registry", "app_user", "user_role",
			"api_token");

	/**
	 * The bootstrap super admin's API token of every admin test context; the scanned
	 * {@link AdminTestCredentials} sends it with every request of the test client.
	 */
	public static final String ADMIN_TOKEN = "pt_test-super-admin-token-0123456789";

	/** The secrets key of test admins (the base64 of 32 bytes; for tests only). */
	public static final String SECRETS_KEY = "dGVzdC1vbmx5LXBvcnRpY28tc2VjcmV0cy1rZXktMzI=";

	private AdminTestDatabase() {
	}

	/**
	 * Registers R2DBC and Flyway properties for the schema, and the test secrets key.
	 * @param registry the dynamic property registry
	 * @param schema the schema
	 */
	public static void register(DynamicPropertyRegistry registry, PostgresTestSchema schema) {
		properties(schema).forEach((name, value) -> registry.add(name, () -> value));
	}

	/**
	 * The R2DBC and Flyway properties for the schema, and the test secrets key.
	 * @param schema the schema
	 * @return the properties by name
	 */
	public static Map<String, Object> properties(PostgresTestSchema schema) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.r2dbc.url", schema.r2dbcUrl());
		properties.put("spring.r2dbc.username", schema.username());
		properties.put("spring.r2dbc.password", schema.password());
		// Cached test contexts keep their pools: small pools whose idle connections close
		// keep the whole suite under PostgreSQL's connection limit.
		properties.put("spring.r2dbc.pool.initial-size", "1");
		properties.put("spring.r2dbc.pool.min-idle", "0");
		properties.put("spring.r2dbc.pool.max-size", "5");
		properties.put("spring.r2dbc.pool.max-idle-time", "2s");
		properties.put("spring.flyway.url", schema.jdbcUrl());
		properties.put("spring.flyway.user", schema.username());
		properties.put("spring.flyway.password", schema.password());
		properties.put("spring.flyway.default-schema", schema.name());
		properties.put("spring.flyway.schemas", schema.name());
		properties.put("portico.admin.bootstrap.token", ADMIN_TOKEN);
		properties.put("portico.secrets.key", SECRETS_KEY);
		return properties;
	}

	/**
	 * Row counts of every table (not the audit log, which records refusals) plus every
	 * group's config revision and settings, every template's settings, every published
	 * service (version pointer, row version, runtime, canary), every published version's
	 * identity, every registry connection's stored settings and (decrypted) secrets, and
	 * every user, role grant and API token (not their last use).
	 * @param schema the schema
	 * @return a comparable snapshot
	 */
	public static Map<String, Object> snapshot(PostgresTestSchema schema) {
		Map<String, Object> state = new LinkedHashMap<>();
		try (Connection connection = schema.connect(); Statement statement = connection.createStatement()) {
			for (String table : TABLES) {
				try (ResultSet rs = statement.executeQuery("select count(*) from " + table)) {
					rs.next();
					state.put(table, rs.getLong(1));
				}
			}
			try (ResultSet rs = statement.executeQuery(
					"select id, config_revision, row_version, name, description, labels from gateway_group order by id")) {
				while (rs.next()) {
					state.put("gateway_group:" + rs.getString(1), rs.getLong(2) + "/" + rs.getLong(3) + "/"
							+ rs.getString(4) + "/" + rs.getString(5) + "/" + rs.getString(6));
				}
			}
			try (ResultSet rs = statement
				.executeQuery("select id, name, description, labels, row_version from service_template")) {
				while (rs.next()) {
					state.put("service_template:" + rs.getString(1),
							rs.getString(2) + "/" + rs.getString(3) + "/" + rs.getString(4) + "/" + rs.getLong(5));
				}
			}
			// Not last_login_at nor a token's last_used_at: authenticating a request that
			// is
			// then refused records the use.
			try (ResultSet rs = statement
				.executeQuery("select id, username, display_name, password_hash, enabled, row_version from app_user")) {
				while (rs.next()) {
					state.put("app_user:" + rs.getString(1), rs.getString(2) + "/" + rs.getString(3) + "/"
							+ rs.getString(4) + "/" + rs.getBoolean(5) + "/" + rs.getLong(6));
				}
			}
			try (ResultSet rs = statement.executeQuery("select id, user_id, role, gateway_group_id from user_role")) {
				while (rs.next()) {
					state.put("user_role:" + rs.getString(1),
							rs.getString(2) + "/" + rs.getString(3) + "@" + rs.getString(4));
				}
			}
			try (ResultSet rs = statement
				.executeQuery("select id, user_id, name, token_hash, roles, expires_at from api_token")) {
				while (rs.next()) {
					state.put("api_token:" + rs.getString(1), rs.getString(2) + "/" + rs.getString(3) + "/"
							+ rs.getString(4) + "/" + rs.getString(5) + "/" + rs.getString(6));
				}
			}
			try (ResultSet rs = statement.executeQuery("select gateway_group_id, service_id, current_version_id,"
					+ " row_version, upstream_kind, runtime, canary, canary_version_id from published_service")) {
				while (rs.next()) {
					state.put("published_service:" + rs.getString(1) + "/" + rs.getString(2),
							rs.getString(3) + "/" + rs.getLong(4) + "/" + rs.getString(5) + "/" + rs.getString(6) + "/"
									+ rs.getString(7) + "/" + rs.getString(8));
				}
			}
			try (ResultSet rs = statement
				.executeQuery("select id, gateway_group_id, service_id, version from published_version")) {
				while (rs.next()) {
					state.put("published_version:" + rs.getString(1),
							rs.getString(2) + "/" + rs.getString(3) + "/" + rs.getString(4));
				}
			}
			// Not status or history: background health checks write those at any time.
			// And
			// secrets decrypted: checks re-encrypt plain-text ones at any time too.
			SecretCipher cipher = new SecretCipher(SecretKeys.of(SECRETS_KEY, List.of()));
			try (ResultSet rs = statement.executeQuery(
					"select id, gateway_group_id, name, row_version, settings, secrets from service_registry")) {
				while (rs.next()) {
					state.put("service_registry:" + rs.getString(1),
							rs.getString(2) + "/" + rs.getString(3) + "/" + rs.getLong(4) + "/" + rs.getString(5) + "/"
									+ cipher.decrypt(rs.getString(6), rs.getString(1)));
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return state;
	}

	/**
	 * Reads one number.
	 * @param schema the schema
	 * @param sql a query returning one number
	 * @return the number
	 */
	public static long queryLong(PostgresTestSchema schema, String sql) {
		return queryOne(schema, sql, (rs) -> rs.getLong(1));
	}

	/**
	 * Reads one text.
	 * @param schema the schema
	 * @param sql a query returning one text
	 * @return the text
	 */
	public static String queryString(PostgresTestSchema schema, String sql) {
		return queryOne(schema, sql, (rs) -> rs.getString(1));
	}

	private static <T> T queryOne(PostgresTestSchema schema, String sql, Column<T> column) {
		try (Connection connection = schema.connect();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return column.read(rs);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Reads the first column of the current row.
	 */
	@FunctionalInterface
	private interface Column<T> {

		T read(ResultSet rs) throws SQLException;

	}

}

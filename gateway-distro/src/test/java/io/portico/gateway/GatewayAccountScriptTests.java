package io.portico.gateway;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.portico.testsupport.PostgresTestSchema;
import io.portico.testsupport.PsqlScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.portico.testsupport.LocalHost.onPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * What {@code db/gateway-account.sql} grants, on a schema migrated by Flyway as the
 * owner: exactly the reads and the heartbeat write of the gateway, and
 * {@code permission denied} for everything else. The gateway working with these rights is
 * {@link GatewayDatabaseAccountTests}.
 */
class GatewayAccountScriptTests {

	/**
	 * The gateway's SQL: {@code PublishedConfigRepository} reads, and
	 * {@code GatewayInstanceRepository} updates, else inserts, its row. Every other table
	 * of the schema, present or added by a later migration, must get nothing.
	 */
	static final Map<String, Set<String>> GRANTED = Map.of("gateway_group", Set.of("SELECT"), "published_service",
			Set.of("SELECT"), "published_version", Set.of("SELECT"), "service_registry", Set.of("SELECT"),
			"gateway_instance", Set.of("SELECT", "INSERT", "UPDATE"));

	static final PostgresTestSchema db = PostgresTestSchema.create("gw_acct_sql");

	static final GatewayAccount account = GatewayAccount.create(db);

	@AfterAll
	static void close() {
		account.close();
		db.close();
	}

	@Test
	void privileges_onEveryTableAndSequenceOfTheSchema_areExactlyTheGatewaysReadsAndHeartbeat() {
		assertThat(relations()).as("the schema has tables the gateway must not touch")
			.containsAll(GRANTED.keySet())
			.contains("service_template", "template_route", "service_registry_check", "flyway_schema_history");

		assertThat(privileges(account.role())).isEqualTo(GRANTED);
	}

	@Test
	void role_canConnectAndUseTheSchema_andHasNoOtherPower() throws SQLException {
		try (Connection owner = db.connect();
				PreparedStatement select = owner.prepareStatement("select has_database_privilege(r.rolname,"
						+ " current_database(), 'CONNECT'), has_database_privilege(r.rolname, current_database(),"
						+ " 'CREATE'), has_schema_privilege(r.rolname, ?, 'USAGE'), has_schema_privilege(r.rolname, ?,"
						+ " 'CREATE'), r.rolcanlogin, r.rolsuper or r.rolcreaterole or r.rolcreatedb or r.rolreplication"
						+ " or r.rolbypassrls, (select count(*) from pg_auth_members m where m.member = r.oid),"
						+ " (select count(*) from pg_class c where c.relowner = r.oid),"
						+ " (select count(*) from pg_default_acl d where d.defaclrole = r.oid"
						+ " or array_to_string(d.defaclacl, ',') like '%' || r.rolname || '=%')"
						+ " from pg_roles r where r.rolname = ?")) {
			select.setString(1, db.name());
			select.setString(2, db.name());
			select.setString(3, account.role());
			try (ResultSet row = select.executeQuery()) {
				assertThat(row.next()).isTrue();
				assertThat(row.getBoolean(1)).as("CONNECT on the database").isTrue();
				assertThat(row.getBoolean(2)).as("CREATE on the database").isFalse();
				assertThat(row.getBoolean(3)).as("USAGE on the schema").isTrue();
				assertThat(row.getBoolean(4)).as("CREATE in the schema").isFalse();
				assertThat(row.getBoolean(5)).as("can log in").isTrue();
				assertThat(row.getBoolean(6)).as("superuser, createrole, createdb, replication or bypassrls").isFalse();
				assertThat(row.getLong(7)).as("memberships").isZero();
				assertThat(row.getLong(8)).as("owned tables").isZero();
				assertThat(row.getLong(9)).as("default privileges").isZero();
			}
		}
	}

	static Stream<Arguments> refused() {
		return Stream.of(
				// The published configuration is the admin's to write.
				Arguments.of("insert into published_version select * from published_version where false",
						"permission denied for table published_version"),
				Arguments.of("delete from published_version", "permission denied for table published_version"),
				Arguments.of("update published_service set runtime = runtime",
						"permission denied for table published_service"),
				Arguments.of("delete from published_service", "permission denied for table published_service"),
				Arguments.of("update gateway_group set config_revision = config_revision + 1",
						"permission denied for table gateway_group"),
				Arguments.of("insert into gateway_group select * from gateway_group where false",
						"permission denied for table gateway_group"),
				Arguments.of("update service_registry set secrets = '{}'",
						"permission denied for table service_registry"),
				Arguments.of("delete from service_registry", "permission denied for table service_registry"),
				// Heartbeats only: no removing or emptying instance rows.
				Arguments.of("delete from gateway_instance", "permission denied for table gateway_instance"),
				Arguments.of("truncate gateway_instance", "permission denied for table gateway_instance"),
				// Tables the gateway does not read.
				Arguments.of("select * from service_template", "permission denied for table service_template"),
				Arguments.of("select * from template_route", "permission denied for table template_route"),
				Arguments.of("select * from service_registry_check",
						"permission denied for table service_registry_check"),
				Arguments.of("select * from flyway_schema_history",
						"permission denied for table flyway_schema_history"),
				Arguments.of("insert into flyway_schema_history select * from flyway_schema_history where false",
						"permission denied for table flyway_schema_history"),
				Arguments.of("update flyway_schema_history set success = true",
						"permission denied for table flyway_schema_history"),
				Arguments.of("delete from flyway_schema_history", "permission denied for table flyway_schema_history"),
				// No schema changes.
				Arguments.of("create table intruder (id int)", "permission denied for schema " + db.name()),
				Arguments.of("alter table gateway_instance add column intruder int",
						"must be owner of table gateway_instance"),
				Arguments.of("drop table published_version", "must be owner of table published_version"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refused")
	void statementOutsideTheGrant_asTheGatewayAccount_isRefusedByPostgres(String sql, String message) {
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> {
			try (Connection gateway = account.connect(); Statement statement = gateway.createStatement()) {
				statement.execute(sql);
			}
		}).satisfies((ex) -> {
			assertThat(ex.getSQLState()).as("insufficient_privilege").isEqualTo("42501");
			assertThat(ex.getMessage()).contains(message);
		});
	}

	@Test
	void rerun_afterExtraGrantsByHand_takesThemBackAndRotatesThePassword() {
		try (GatewayAccount other = GatewayAccount.create(db)) {
			String before = passwordHash(other.role());
			db.execute("grant delete on gateway_instance to " + other.role(),
					"grant select on service_template to " + other.role(),
					"grant update (secrets) on service_registry to " + other.role(),
					"grant create on schema " + db.name() + " to " + other.role());
			assertThat(privileges(other.role())).containsKey("service_template");

			other.grant("rotated-" + UUID.randomUUID());

			assertThat(privileges(other.role())).isEqualTo(GRANTED);
			assertThat(passwordHash(other.role())).startsWith("SCRAM-SHA-256$").isNotEqualTo(before);
			assertThat(schemaCreate(other.role())).isFalse();
		}
	}

	@Test
	void realPsql_runningTheShippedScriptAsDocumented_grantsTheSame() throws Exception {
		Path psql = onPath("psql");
		assumeThat(psql).as("psql on the PATH").isNotNull();
		String role = "t_gw_psql_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		Path script = Files.createTempFile("gateway-account", ".sql");
		try {
			Files.writeString(script, PsqlScript.fromClasspath(GatewayAccount.SCRIPT).text(), StandardCharsets.UTF_8);
			// The JDBC URL without "jdbc:" and its query is a libpq URI.
			String uri = db.jdbcUrl().substring("jdbc:".length()).replaceFirst("\\?.*$", "");
			ProcessBuilder builder = new ProcessBuilder(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-v",
					"gateway_role=" + role, "-v", "gateway_password=it's a secret", "-v", "schema=" + db.name(), "-U",
					db.username(), "-d", uri, "-f", script.toString())
				.redirectErrorStream(true);
			builder.environment().put("PGPASSWORD", db.password());
			Process process = builder.start();
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("psql finished").isTrue();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.exitValue()).as(output).isZero();

			assertThat(privileges(role)).isEqualTo(GRANTED);
			assertThat(passwordHash(role)).startsWith("SCRAM-SHA-256$");
		}
		finally {
			Files.deleteIfExists(script);
			db.execute("drop owned by " + role, "drop role if exists " + role);
		}
	}

	/**
	 * The role's effective privileges (its own, PUBLIC's, and its roles'), column grants
	 * included, on every table, view and sequence of the schema.
	 */
	private static Map<String, Set<String>> privileges(String role) {
		Map<String, Set<String>> privileges = new TreeMap<>();
		String sql = "select c.relname, p.name from pg_class c join pg_namespace n on n.oid = c.relnamespace"
				+ " cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES',"
				+ " 'TRIGGER', 'USAGE']) as p(name) where n.nspname = ? and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')"
				+ " and case when c.relkind = 'S' then p.name in ('SELECT', 'UPDATE', 'USAGE')"
				+ " and has_sequence_privilege(?, c.oid, p.name)"
				+ " when p.name in ('SELECT', 'INSERT', 'UPDATE', 'REFERENCES')"
				+ " then has_any_column_privilege(?, c.oid, p.name)"
				+ " when p.name = 'USAGE' then false else has_table_privilege(?, c.oid, p.name) end";
		try (Connection owner = db.connect(); PreparedStatement select = owner.prepareStatement(sql)) {
			select.setString(1, db.name());
			select.setString(2, role);
			select.setString(3, role);
			select.setString(4, role);
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					privileges.computeIfAbsent(rows.getString(1), (table) -> new TreeSet<>()).add(rows.getString(2));
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return privileges;
	}

	private static List<String> relations() {
		List<String> names = new ArrayList<>();
		try (Connection owner = db.connect();
				PreparedStatement select = owner.prepareStatement("select c.relname from pg_class c join pg_namespace"
						+ " n on n.oid = c.relnamespace where n.nspname = ? and c.relkind in ('r', 'p', 'v', 'm', 'S')")) {
			select.setString(1, db.name());
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					names.add(rows.getString(1));
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return names;
	}

	/** Readable by a superuser only, as the test's owner account is. */
	private static String passwordHash(String role) {
		return (String) query("select rolpassword from pg_authid where rolname = ?", role);
	}

	private static boolean schemaCreate(String role) {
		return (Boolean) query("select has_schema_privilege(?, '" + db.name() + "', 'CREATE')", role);
	}

	private static Object query(String sql, String parameter) {
		try (Connection owner = db.connect(); PreparedStatement select = owner.prepareStatement(sql)) {
			select.setString(1, parameter);
			try (ResultSet rows = select.executeQuery()) {
				assertThat(rows.next()).isTrue();
				return rows.getObject(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

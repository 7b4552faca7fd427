package io.portico.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.flywaydb.core.Flyway;

/**
 * A fresh schema in the local PostgreSQL for one test class, migrated with Portico's
 * Flyway scripts and dropped on {@link #close()}.
 *
 * <p>
 * Connection defaults match the CI machine (127.0.0.1:5432, database {@code test}, user
 * {@code postgres}, trust auth) and can be overridden with the environment variables
 * {@code PORTICO_TEST_PG_HOST}, {@code PORTICO_TEST_PG_PORT},
 * {@code PORTICO_TEST_PG_DATABASE}, {@code PORTICO_TEST_PG_USER} and
 * {@code PORTICO_TEST_PG_PASSWORD}. Example: <pre>
 * static final PostgresTestSchema db = PostgresTestSchema.create("admin");
 * registry.add("spring.r2dbc.url", db::r2dbcUrl);
 * </pre>
 */
public final class PostgresTestSchema implements AutoCloseable {

	private static final String HOST = env("PORTICO_TEST_PG_HOST", "127.0.0.1");

	private static final String PORT = env("PORTICO_TEST_PG_PORT", "5432");

	private static final String DATABASE = env("PORTICO_TEST_PG_DATABASE", "test");

	private static final String USER = env("PORTICO_TEST_PG_USER", "postgres");

	private static final String PASSWORD = env("PORTICO_TEST_PG_PASSWORD", "");

	private final String schema;

	private PostgresTestSchema(String schema) {
		this.schema = schema;
	}

	/**
	 * Creates an empty schema named after the given prefix plus a random suffix.
	 * @param prefix a short lower-case word naming the test
	 * @return the schema, not yet migrated
	 */
	public static PostgresTestSchema createEmpty(String prefix) {
		String name = ("t_" + prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
			.toLowerCase(Locale.ROOT);
		PostgresTestSchema schema = new PostgresTestSchema(name);
		schema.execute("create schema " + name);
		return schema;
	}

	/**
	 * Creates a schema and applies Portico's migrations to it.
	 * @param prefix a short lower-case word naming the test
	 * @return the migrated schema
	 */
	public static PostgresTestSchema create(String prefix) {
		PostgresTestSchema schema = createEmpty(prefix);
		schema.migrate();
		return schema;
	}

	/**
	 * Applies Portico's migrations as the owner, as the admin does on start.
	 */
	public void migrate() {
		Flyway.configure()
			.dataSource(jdbcUrl(), USER, PASSWORD)
			.schemas(this.schema)
			.defaultSchema(this.schema)
			.locations("classpath:db/migration")
			.load()
			.migrate();
	}

	/**
	 * The schema name.
	 * @return the name
	 */
	public String name() {
		return this.schema;
	}

	/**
	 * An R2DBC URL whose connections use this schema.
	 * @return the URL
	 */
	public String r2dbcUrl() {
		return "r2dbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE + "?schema=" + this.schema;
	}

	/**
	 * An R2DBC URL whose connections use this schema through another address, such as a
	 * {@link TcpProxy} in front of PostgreSQL.
	 * @param host the host to connect to
	 * @param port the port to connect to
	 * @return the URL
	 */
	public String r2dbcUrl(String host, int port) {
		return "r2dbc:postgresql://" + host + ":" + port + "/" + DATABASE + "?schema=" + this.schema;
	}

	/**
	 * The PostgreSQL server's host.
	 * @return the host name or address
	 */
	public String host() {
		return HOST;
	}

	/**
	 * The PostgreSQL server's port.
	 * @return the port
	 */
	public int port() {
		return Integer.parseInt(PORT);
	}

	/**
	 * A JDBC URL whose connections use this schema.
	 * @return the URL
	 */
	public String jdbcUrl() {
		return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE + "?currentSchema=" + this.schema;
	}

	/**
	 * The database user.
	 * @return the user name
	 */
	public String username() {
		return USER;
	}

	/**
	 * The database password.
	 * @return the password, empty under trust auth
	 */
	public String password() {
		return PASSWORD;
	}

	/**
	 * Opens a JDBC connection on this schema, for fixtures and assertions.
	 * @return a new connection; the caller closes it
	 * @throws SQLException when PostgreSQL cannot be reached
	 */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
	}

	/**
	 * Runs SQL statements on this schema.
	 * @param sql the statements
	 */
	public void execute(String... sql) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			for (String s : sql) {
				statement.execute(s);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("SQL failed on schema " + this.schema + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		execute("drop schema if exists " + this.schema + " cascade");
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}

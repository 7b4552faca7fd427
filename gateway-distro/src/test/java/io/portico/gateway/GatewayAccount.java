package io.portico.gateway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.portico.testsupport.PostgresTestSchema;
import io.portico.testsupport.PsqlScript;

/**
 * A gateway database account made by {@code db/gateway-account.sql} (the file operators
 * run) on a test schema: a login role with a unique name, dropped on {@link #close()}.
 */
final class GatewayAccount implements AutoCloseable {

	/** The script, as shipped in the config module. */
	static final String SCRIPT = "db/gateway-account.sql";

	private final PostgresTestSchema db;

	private final String role;

	private volatile String password;

	private GatewayAccount(PostgresTestSchema db, String role, String password) {
		this.db = db;
		this.role = role;
		this.password = password;
	}

	/**
	 * Creates a role with the script, run by the schema's owner.
	 * @param db the migrated schema
	 * @return the account
	 */
	static GatewayAccount create(PostgresTestSchema db) {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		GatewayAccount account = new GatewayAccount(db, ("t_gw_" + suffix).toLowerCase(Locale.ROOT),
				"pw-" + UUID.randomUUID());
		account.grant(account.password);
		return account;
	}

	/**
	 * Runs the script again for this role, as an operator does after an upgrade or to
	 * rotate the password.
	 * @param newPassword the password to set
	 */
	void grant(String newPassword) {
		try (Connection owner = this.db.connect()) {
			PsqlScript.fromClasspath(SCRIPT).run(owner, variables(this.db, this.role, newPassword));
			this.password = newPassword;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The {@code psql -v} variables of the script.
	 * @return gateway_role, gateway_password and schema
	 */
	static Map<String, String> variables(PostgresTestSchema db, String role, String password) {
		return Map.of("gateway_role", role, "gateway_password", password, "schema", db.name());
	}

	String role() {
		return this.role;
	}

	String password() {
		return this.password;
	}

	/**
	 * Connects to the schema as this role.
	 * @return a new connection; the caller closes it
	 * @throws SQLException when the role cannot log in
	 */
	Connection connect() throws SQLException {
		return DriverManager.getConnection(this.db.jdbcUrl(), this.role, this.password);
	}

	@Override
	public void close() {
		// DROP OWNED also revokes the role's grants (CONNECT on the database included).
		this.db.execute("drop owned by " + this.role, "drop role " + this.role);
	}

}

package io.portico.quickstart;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.portico.echo.EchoServer;
import org.h2.tools.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running quickstart: an in-memory H2 database served over TCP, the echo upstream, and
 * the admin and gateway jars as child processes sharing that database and the secrets key
 * of the data directory ({@link SecretsKeyFile}). Closing it stops all four.
 *
 * <p>
 * Example: <pre>
 * try (Quickstart portico = Quickstart.start(QuickstartOptions.parse("--admin-port=0"))) {
 *     // admin on portico.adminPort(), gateway on portico.gatewayPort(), its probes on
 *     // portico.gatewayManagementPort()
 * }
 * </pre>
 */
public final class Quickstart implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Quickstart.class);

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

	private final QuickstartOptions options;

	private final List<PorticoProcess> processes = new ArrayList<>();

	private Server database;

	private Connection keepAlive;

	private EchoServer echo;

	private volatile boolean closing;

	private String adminToken;

	private String adminPassword;

	private Quickstart(QuickstartOptions options) {
		this.options = options;
	}

	/**
	 * Starts everything and returns once the gateway is ready.
	 * @param options where the jars are and which ports to use
	 * @return the running quickstart
	 */
	public static Quickstart start(QuickstartOptions options) {
		Quickstart quickstart = new Quickstart(options);
		try {
			quickstart.startAll();
			return quickstart;
		}
		catch (RuntimeException | Error ex) {
			quickstart.close();
			throw ex;
		}
	}

	/**
	 * The echo upstream's port.
	 * @return the port
	 */
	public int echoPort() {
		return this.echo.port();
	}

	/**
	 * The admin API's port.
	 * @return the port
	 */
	public int adminPort() {
		return this.options.adminPort();
	}

	/**
	 * The gateway's proxy port.
	 * @return the port
	 */
	public int gatewayPort() {
		return this.options.gatewayPort();
	}

	/**
	 * The gateway's management port, where its health probes answer.
	 * @return the port
	 */
	public int gatewayManagementPort() {
		return this.options.gatewayManagementPort();
	}

	/**
	 * A JDBC URL of the embedded database, for inspection.
	 * @return the URL
	 */
	public String jdbcUrl() {
		return "jdbc:h2:tcp://127.0.0.1:" + this.database.getPort() + "/mem:portico;DB_CLOSE_DELAY=-1";
	}

	/**
	 * The bootstrap super admin's API token, generated for this run (the in-memory
	 * database starts empty each time) and written to the token file.
	 * @return the token ({@code pt_…})
	 */
	public String adminToken() {
		return this.adminToken;
	}

	/**
	 * The dashboard password of the super admin {@code admin}, new for every start.
	 * @return the password
	 */
	public String adminPassword() {
		return this.adminPassword;
	}

	/**
	 * Where the dashboard password is written: next to the token file.
	 * @return {@code admin-password} beside {@link QuickstartOptions#tokenFile()}
	 */
	public Path passwordFile() {
		return this.options.tokenFile().toAbsolutePath().resolveSibling("admin-password");
	}

	/**
	 * Where the admin token was written.
	 * @return the file
	 */
	public Path tokenFile() {
		return this.options.tokenFile();
	}

	/**
	 * Whether {@link #close()} has started, so that children exiting is expected.
	 * @return true once closing
	 */
	public boolean isClosing() {
		return this.closing;
	}

	/**
	 * Waits until the admin or gateway process exits, for the command-line launcher.
	 * @throws InterruptedException when interrupted
	 */
	public void awaitExit() throws InterruptedException {
		while (this.processes.stream().allMatch(PorticoProcess::isAlive)) {
			Thread.sleep(500);
		}
	}

	private void startAll() {
		try {
			this.database = Server
				.createTcpServer("-tcpPort", String.valueOf(this.options.databasePort()), "-ifNotExists")
				.start();
			// The in-memory database lives as long as one connection is open: this one.
			this.keepAlive = DriverManager.getConnection(jdbcUrl(), "sa", "");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot start the embedded H2 database: " + ex.getMessage(), ex);
		}
		this.echo = EchoServer.start("127.0.0.1", this.options.echoPort(), "quickstart-echo");
		logger.info("Echo upstream (httpbin-compatible) on 127.0.0.1:{}", this.echo.port());
		// Secrets at rest: one key for the admin and the gateway, generated on the first
		// start and kept in the data directory.
		String secretsKey = "--portico.secrets.key-file=" + SecretsKeyFile.ensure(this.options.dataDirectory());
		String r2dbc = "r2dbc:h2://sa@localhost/portico?url="
				+ URLEncoder.encode(jdbcUrl().substring("jdbc:h2:".length()), StandardCharsets.UTF_8);
		List<String> database = List.of("--spring.r2dbc.url=" + r2dbc, "--spring.r2dbc.username=sa",
				"--spring.r2dbc.password=");
		List<String> admin = new ArrayList<>(database);
		admin.addAll(List.of("--server.port=" + this.options.adminPort(), "--spring.flyway.url=" + jdbcUrl(),
				"--spring.flyway.user=sa", "--spring.flyway.password="));
		admin.add(secretsKey);
		this.adminToken = AdminToken.generate();
		AdminToken.write(this.options.tokenFile(), this.adminToken);
		this.adminPassword = AdminToken.password();
		AdminToken.write(passwordFile(), this.adminPassword);
		// In the environment, not on the command line, where ps would show it.
		Map<String, String> adminEnvironment = Map.of("PORTICO_ADMIN_BOOTSTRAP_TOKEN", this.adminToken,
				"PORTICO_ADMIN_BOOTSTRAP_PASSWORD", this.adminPassword);
		this.processes.add(
				PorticoProcess
					.start("admin", this.options.adminJar(), this.options.adminPort(), this.options.adminPort(), admin,
							adminEnvironment, this.options.logDirectory())
					.awaitReady(STARTUP_TIMEOUT));
		List<String> gateway = new ArrayList<>(database);
		gateway.addAll(List.of("--server.port=" + this.options.gatewayPort(),
				"--management.server.port=" + this.options.gatewayManagementPort(),
				"--portico.gateway.group=" + this.options.group(), "--portico.gateway.poll-interval=250ms"));
		gateway.add(secretsKey);
		this.processes.add(PorticoProcess
			.start("gateway", this.options.gatewayJar(), this.options.gatewayPort(),
					this.options.gatewayManagementPort(), gateway, this.options.logDirectory())
			.awaitReady(STARTUP_TIMEOUT));
	}

	@Override
	public void close() {
		this.closing = true;
		for (int i = this.processes.size() - 1; i >= 0; i--) {
			this.processes.get(i).close();
		}
		if (this.echo != null) {
			this.echo.close();
		}
		if (this.keepAlive != null) {
			try {
				this.keepAlive.close();
			}
			catch (SQLException ex) {
				logger.debug("Closing the keep-alive connection failed", ex);
			}
		}
		if (this.database != null) {
			this.database.stop();
		}
	}

}

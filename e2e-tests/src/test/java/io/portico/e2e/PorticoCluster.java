package io.portico.e2e;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portico.echo.EchoServer;
import io.portico.quickstart.AdminToken;
import io.portico.quickstart.PorticoProcess;
import io.portico.testsupport.PostgresTestSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static io.portico.testsupport.LocalHost.freePort;

/**
 * The real admin jar and one gateway jar per gateway group, sharing a fresh PostgreSQL
 * schema, plus echo upstreams: what a user runs, started for one test class.
 */
public final class PorticoCluster implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofMinutes(3);

	/** The tables a change of the configuration writes to. */
	private static final List<String> CONFIGURATION = List.of("gateway_group", "service_template", "template_route",
			"published_version", "published_service", "service_registry", "user_role", "audit_log");

	/** The bootstrap super admin's name and password, for signing in to the dashboard. */
	public static final String ADMIN_USERNAME = "admin";

	public static final String ADMIN_PASSWORD = "e2e-dashboard-password";

	private final PostgresTestSchema schema;

	private final PorticoProcess admin;

	private final String adminToken;

	private final Map<String, PorticoProcess> gateways = new LinkedHashMap<>();

	private final List<EchoServer> upstreams = new ArrayList<>();

	private PorticoCluster(PostgresTestSchema schema, PorticoProcess admin, String adminToken) {
		this.schema = schema;
		this.admin = admin;
		this.adminToken = adminToken;
	}

	/**
	 * Starts the admin (which migrates the schema), the groups other than
	 * {@code default}, and a gateway for each group.
	 */
	public static PorticoCluster start(String name, String... groups) {
		return start(name, List.of(), groups);
	}

	/**
	 * Starts the cluster with extra admin arguments, such as a shorter registry check
	 * interval.
	 */
	public static PorticoCluster start(String name, List<String> extraAdminArgs, String... groups) {
		PostgresTestSchema schema = PostgresTestSchema.createEmpty(name);
		Path logs = Paths.get("target", "e2e-logs", schema.name());
		int adminPort = freePort();
		List<String> database = List.of("--spring.r2dbc.url=" + schema.r2dbcUrl(),
				"--spring.r2dbc.username=" + schema.username(), "--spring.r2dbc.password=" + schema.password());
		// Secrets at rest: one fresh key per cluster, for the admin and every gateway.
		String secretsKey = "--portico.secrets.key=" + secretsKey();
		List<String> adminArgs = new ArrayList<>(database);
		adminArgs.add(secretsKey);
		adminArgs.addAll(List.of("--server.port=" + adminPort, "--spring.flyway.url=" + schema.jdbcUrl(),
				"--spring.flyway.user=" + schema.username(), "--spring.flyway.password=" + schema.password(),
				"--spring.flyway.default-schema=" + schema.name(), "--spring.flyway.schemas=" + schema.name()));
		adminArgs.addAll(extraAdminArgs);
		// The bootstrap super admin's token, as an operator would set it on a first
		// start.
		String token = AdminToken.generate();
		PorticoCluster cluster = new PorticoCluster(schema,
				PorticoProcess.start("admin", jar("admin-webflux"), adminPort, adminPort, adminArgs, Map
					.of("PORTICO_ADMIN_BOOTSTRAP_TOKEN", token, "PORTICO_ADMIN_BOOTSTRAP_PASSWORD", ADMIN_PASSWORD),
						logs),
				token);
		try {
			cluster.admin.awaitReady(STARTUP);
			for (String group : groups) {
				if (!group.equals("default")) {
					HttpJson.Response created = cluster.admin()
						.post("/api/gateway_groups", "{\"id\":\"" + group + "\",\"name\":\"" + group + "\"}");
					if (created.status() >= 300) {
						throw new IllegalStateException("Cannot create group " + group + ": " + created.body());
					}
				}
				int port = freePort();
				int managementPort = freePort();
				List<String> gatewayArgs = new ArrayList<>(database);
				gatewayArgs.add(secretsKey);
				gatewayArgs.addAll(List.of("--server.port=" + port, "--management.server.port=" + managementPort,
						"--portico.gateway.group=" + group));
				cluster.gateways.put(group, PorticoProcess.start("gateway-" + group, jar("gateway-distro"), port,
						managementPort, gatewayArgs, logs));
			}
			for (PorticoProcess gateway : cluster.gateways.values()) {
				gateway.awaitReady(STARTUP);
			}
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	/** The admin API as its bootstrap super admin. */
	HttpJson admin() {
		return HttpJson.admin(this.admin.port(), this.adminToken);
	}

	/** The admin API without credentials. */
	HttpJson anonymousAdmin() {
		return new HttpJson(this.admin.port());
	}

	HttpJson gateway(String group) {
		return new HttpJson(this.gateways.get(group).port());
	}

	PorticoProcess adminProcess() {
		return this.admin;
	}

	PorticoProcess gatewayProcess(String group) {
		return this.gateways.get(group);
	}

	/** The admin's base URL, such as {@code http://127.0.0.1:8080}, for a browser. */
	public String adminUrl() {
		return "http://127.0.0.1:" + this.admin.port();
	}

	/** The bootstrap super admin's API token, for tests outside this package. */
	public String adminToken() {
		return this.adminToken;
	}

	/** The base URL of the gateway of a group. */
	public String gatewayUrl(String group) {
		return "http://127.0.0.1:" + this.gateways.get(group).port();
	}

	public PostgresTestSchema database() {
		return this.schema;
	}

	/**
	 * Creates an HTTP template with one GET route over the admin API, expecting 201 for
	 * both.
	 * @param name the template's id and name
	 * @param routeName the route's name
	 * @param path the route's path
	 * @return the route's id
	 */
	String createTemplate(String name, String routeName, String path) {
		HttpJson.Response template = admin().post("/api/services/template",
				"{\"id\":\"" + name + "\",\"name\":\"" + name + "\",\"type\":\"http\",\"upstream_scheme\":\"http\"}");
		assertThat(template.status()).as(template.body()).isEqualTo(201);
		HttpJson.Response route = admin().post("/api/services/template/" + name + "/routes",
				"{\"name\":\"" + routeName + "\",\"paths\":[\"" + path + "\"],\"methods\":[\"GET\"]}");
		assertThat(route.status()).as(route.body()).isEqualTo(201);
		return route.json().get("id").asString();
	}

	/**
	 * Publishes one version of a template into a group, expecting 200.
	 * @param group the gateway group
	 * @param template the template
	 * @param version the version
	 * @param upstream the upstream JSON
	 * @return the answer
	 */
	HttpJson.Response publish(String group, String template, String version, String upstream) {
		HttpJson.Response response = admin().post("/api/services/publish",
				publishBody(group, template, version, upstream));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response;
	}

	static String publishBody(String group, String template, String version, String upstream) {
		return "{\"gateway_group_id\":\"" + group + "\",\"services\":[{\"template_id\":\"" + template
				+ "\",\"version\":\"" + version + "\",\"upstream\":" + upstream + "}]}";
	}

	/** The upstream JSON of one echo node. */
	static String nodes(EchoServer node, int weight) {
		return "{\"nodes\":[" + node(node, weight) + "]}";
	}

	/** One node of an upstream's JSON. */
	static String node(EchoServer node, int weight) {
		return "{\"host\":\"127.0.0.1\",\"port\":" + node.port() + ",\"weight\":" + weight + "}";
	}

	/** Starts an echo upstream that lives as long as the cluster. */
	public EchoServer upstream(String name) {
		EchoServer echo = EchoServer.start("127.0.0.1", 0, name);
		this.upstreams.add(echo);
		return echo;
	}

	@Override
	public void close() {
		this.gateways.values().forEach(PorticoProcess::close);
		this.admin.close();
		this.upstreams.forEach(EchoServer::close);
		this.schema.close();
	}

	/**
	 * The stored configuration as text: every row of the tables a change writes to, to
	 * compare before and after something that must write nothing.
	 */
	public String configurationSnapshot() {
		StringBuilder text = new StringBuilder();
		try (Connection connection = this.schema.connect(); Statement statement = connection.createStatement()) {
			for (String table : CONFIGURATION) {
				text.append("## ").append(table).append('\n');
				// Not the registries' health; not the audit of refused requests (a denial
				// or
				// a failure is recorded, which is no change of the configuration).
				String query = switch (table) {
					case "service_registry" -> "select id, name, type, settings, secrets from service_registry";
					case "audit_log" -> "select * from audit_log where outcome = 'success'";
					default -> "select * from " + table;
				};
				try (ResultSet rows = statement.executeQuery(query + " order by 1")) {
					ResultSetMetaData meta = rows.getMetaData();
					while (rows.next()) {
						for (int i = 1; i <= meta.getColumnCount(); i++) {
							text.append(meta.getColumnName(i)).append('=').append(rows.getString(i)).append(' ');
						}
						text.append('\n');
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return text.toString();
	}

	static Path jar(String module) {
		String apps = System.getProperty("portico.e2e.apps", "target/apps");
		return Paths.get(apps, module + "-exec.jar");
	}

	/**
	 * A random secrets key: the base64 of 32 bytes, as {@code openssl rand -base64 32}.
	 */
	static String secretsKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}

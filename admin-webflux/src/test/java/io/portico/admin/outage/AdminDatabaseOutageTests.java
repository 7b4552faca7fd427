package io.portico.admin.outage;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.portico.admin.AdminApi;
import io.portico.admin.AdminFixtures;
import io.portico.admin.AdminHttpTest;
import io.portico.admin.AdminTestDatabase;
import io.portico.testsupport.PostgresTestSchema;
import io.portico.testsupport.TcpProxy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.portico.admin.AdminApi.problemText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin with its database cut: a {@link TcpProxy} between the admin's R2DBC pool and
 * PostgreSQL closes every connection and refuses new ones (the shared server is never
 * stopped). Fixtures and snapshots go to PostgreSQL directly.
 */
@AdminHttpTest
class AdminDatabaseOutageTests {

	private static final Log logger = LogFactory.getLog(AdminDatabaseOutageTests.class);

	static final PostgresTestSchema schema = PostgresTestSchema.create("outage");

	static final TcpProxy database = TcpProxy.start(schema.host(), schema.port());

	@DynamicPropertySource
	static void throughTheProxy(DynamicPropertyRegistry registry) {
		registry.add("spring.r2dbc.url", () -> schema.r2dbcUrl("127.0.0.1", database.port()));
	}

	@Autowired
	WebTestClient client;

	@Autowired
	AdminApi api;

	@BeforeEach
	void publishedOnce() {
		if (AdminTestDatabase.queryLong(schema, "select count(*) from service_template where id = 'httpbin'") == 0) {
			schema.execute(AdminFixtures.template("httpbin"), AdminFixtures.route("httpbin", "/anything/*"));
			this.api.post("/api/services/publish", publishBody("1.0.0")).expectStatus().isOk();
		}
	}

	@AfterEach
	void restore() {
		database.restore();
		awaitReadiness("UP", Duration.ofSeconds(10));
	}

	@Test
	void publish_whileTheDatabaseIsCut_answers503AndChangesNothing_andSucceedsOnceItIsBack() {
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);

		database.cut();
		String problem = problemText(this.api.post("/api/services/publish", publishBody("1.1.0")), 503).returnResult()
			.getResponseBody();
		String read = problemText(this.api.get("/api/gateway_groups/default/services/httpbin"), 503).returnResult()
			.getResponseBody();

		assertThat(problem).contains("\"status\":503")
			.contains("The database is unreachable; nothing was changed; retry")
			.doesNotContain(schema.name(), String.valueOf(database.port()), "postgresql", "r2dbc", "Exception");
		assertThat(read).contains("The database is unreachable");
		this.api.get("/api/gateway_groups/default")
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "5");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);

		database.restore();
		awaitReadiness("UP", Duration.ofSeconds(5));
		this.api.post("/api/services/publish", publishBody("1.1.0"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.list[0].version")
			.isEqualTo("1.1.0");
		assertThat(AdminTestDatabase.queryString(schema,
				"select v.version from published_service s join published_version v on v.id = s.current_version_id"
						+ " where s.service_id = 'httpbin'"))
			.isEqualTo("1.1.0");
	}

	@Test
	void publish_cutWhileItsTransactionIsWriting_answers503AndLeavesNothingHalfWritten() {
		// The second service's version row sleeps in a trigger: the cut lands inside the
		// transaction, after the first service's rows were written.
		schema.execute(AdminFixtures.template("slow"), AdminFixtures.route("slow", "/slow"),
				"create function slow_publish() returns trigger as $$ begin if new.service_id = 'slow' then"
						+ " perform pg_sleep(2); end if; return new; end $$ language plpgsql",
				"create trigger t_slow_publish before insert on published_version for each row"
						+ " execute function slow_publish()");
		try {
			Map<String, Object> before = AdminTestDatabase.snapshot(schema);
			CompletableFuture<EntityExchangeResult<String>> publish = CompletableFuture
				.supplyAsync(() -> this.api.post("/api/services/publish", publishBody("1.2.0", "slow"))
					.expectBody(String.class)
					.returnResult());
			await().atMost(Duration.ofSeconds(10)).until(() -> sleepingPublishes() > 0);

			database.cut();

			assertThat(publish).succeedsWithin(Duration.ofSeconds(15)).satisfies((result) -> {
				assertThat(result.getStatus().value()).isEqualTo(503);
				assertThat(result.getResponseBody()).contains("The database is unreachable; nothing was changed");
			});
			// PostgreSQL ends the cut session without its COMMIT: the transaction is
			// rolled
			// back.
			await().atMost(Duration.ofSeconds(10)).until(() -> sleepingPublishes() == 0);
			assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
		}
		finally {
			database.restore();
			schema.execute("drop trigger t_slow_publish on published_version", "drop function slow_publish()");
		}
	}

	private static long sleepingPublishes() {
		return AdminTestDatabase.queryLong(schema, "select count(*) from pg_stat_activity where wait_event = 'PgSleep'"
				+ " and query ilike '%published_version%'");
	}

	@Test
	void readiness_goesDownWithin5sOfACutAndUpWithin5sOfTheReturn_livenessStaysUp() {
		awaitReadiness("UP", Duration.ofSeconds(5));

		long cutAt = System.nanoTime();
		database.cut();
		awaitReadiness("DOWN", Duration.ofSeconds(5));
		Duration down = Duration.ofNanos(System.nanoTime() - cutAt);
		assertThat(status("/actuator/health/liveness")).isEqualTo("UP");

		long restoredAt = System.nanoTime();
		database.restore();
		awaitReadiness("UP", Duration.ofSeconds(5));
		Duration up = Duration.ofNanos(System.nanoTime() - restoredAt);
		logger.info("Readiness DOWN " + down.toMillis() + " ms after the cut, UP " + up.toMillis()
				+ " ms after the return");
	}

	private void awaitReadiness(String status, Duration within) {
		await().atMost(within)
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(status("/actuator/health/readiness")).isEqualTo(status));
	}

	/** Probes send no credentials: the token check itself needs the database. */
	private String status(String path) {
		String body = this.client.mutate()
			.defaultHeaders((headers) -> headers.remove("X-API-KEY"))
			.responseTimeout(Duration.ofSeconds(5))
			.build()
			.get()
			.uri(path)
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return (body != null && body.contains("\"status\":\"UP\"")) ? "UP" : "DOWN";
	}

	private static String publishBody(String version, String... templates) {
		StringBuilder services = new StringBuilder(service("httpbin", version));
		for (String template : templates) {
			services.append(", ").append(service(template, version));
		}
		return "{\"gateway_group_id\": \"default\", \"services\": [" + services + "]}";
	}

	private static String service(String template, String version) {
		return "{\"template_id\": \"" + template + "\", \"version\": \"" + version
				+ "\", \"upstream\": {\"nodes\": [{\"host\": \"httpbin.org\", \"port\": 80}]}}";
	}

}

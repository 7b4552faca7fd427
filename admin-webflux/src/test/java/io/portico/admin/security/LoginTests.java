package io.portico.admin.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.portico.admin.AdminApi;
import io.portico.admin.AdminApplication;
import io.portico.admin.AdminHttpTest;
import io.portico.admin.AdminTestDatabase;
import io.portico.admin.AdminUsers;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.portico.admin.AdminApi.okBody;
import static io.portico.admin.AdminApi.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Password sign-in over HTTP against PostgreSQL: a session cookie plus a CSRF token for
 * state-changing requests, sign-out, the same answer for an unknown user and a wrong
 * password, a lock after repeated failures (3 s here) that even the right password cannot
 * pass until it ends, the bootstrap super admin, and the last super admin kept.
 */
@AdminHttpTest(properties = "portico.admin.login.lock-duration=3s")
class LoginTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("adminlogin");

	private static final String SESSION = "SESSION";

	private static final String CSRF_HEADER = "X-CSRF-TOKEN";

	@Autowired
	WebTestClient client;

	@Autowired
	AdminApi api;

	@Test
	void signIn_withThePassword_startsASessionThatCallsTheApi() {
		String userId = new AdminUsers(this.client).create("login-alice", "alice-password-123", "viewer@default");
		EntityExchangeResult<byte[]> result = login("login-alice", "alice-password-123").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.id")
			.isEqualTo(userId)
			.jsonPath("$.user.username")
			.isEqualTo("login-alice")
			.jsonPath("$.user.permissions")
			.isNotEmpty()
			.jsonPath("$.csrf_token")
			.isNotEmpty()
			.returnResult();
		ResponseCookie cookie = result.getResponseCookies().getFirst(SESSION);
		assertThat(cookie).as("a session cookie").isNotNull();
		assertThat(cookie.isHttpOnly()).isTrue();

		anonymous().get()
			.uri("/api/me")
			.cookie(SESSION, cookie.getValue())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo("login-alice")
			.jsonPath("$.token_id")
			.isEmpty();
	}

	@Test
	void stateChangingRequest_withTheSessionCookie_needsTheCsrfToken() {
		new AdminUsers(this.client).create("login-csrf", "csrf-password-123", "viewer@default");
		Session session = signIn("login-csrf", "csrf-password-123");
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		problem(anonymous().post()
			.uri("/api/tokens")
			.cookie(SESSION, session.cookie())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \"from-the-browser\"}")
			.exchange(), 403).jsonPath("$.detail").value((detail) -> assertThat(detail.toString()).contains("CSRF"));
		anonymous().post()
			.uri("/api/tokens")
			.cookie(SESSION, session.cookie())
			.header(CSRF_HEADER, "not-the-csrf-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \"from-the-browser\"}")
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);

		anonymous().post()
			.uri("/api/tokens")
			.cookie(SESSION, session.cookie())
			.header(CSRF_HEADER, session.csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \"from-the-browser\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.token")
			.value((token) -> assertThat(token.toString()).startsWith("pt_"));
	}

	@Test
	void signOut_endsTheSession() {
		new AdminUsers(this.client).create("login-bye", "goodbye-password-123");
		Session session = signIn("login-bye", "goodbye-password-123");
		anonymous().post().uri("/api/logout").cookie(SESSION, session.cookie()).exchange().expectStatus().isForbidden();
		anonymous().post()
			.uri("/api/logout")
			.cookie(SESSION, session.cookie())
			.header(CSRF_HEADER, session.csrf())
			.exchange()
			.expectStatus()
			.isNoContent();
		problem(anonymous().get().uri("/api/me").cookie(SESSION, session.cookie()).exchange(), 401);
	}

	@Test
	void unknownUser_andWrongPassword_getTheSameAnswer() {
		new AdminUsers(this.client).create("login-carol", "carol-password-123");
		byte[] unknown = problem(login("login-nobody", "carol-password-123"), 401).returnResult().getResponseBody();
		byte[] wrong = login("login-carol", "not-carols-password").expectStatus()
			.isUnauthorized()
			.expectBody()
			.returnResult()
			.getResponseBody();
		assertThat(AdminUsers.json(wrong)).isEqualTo(AdminUsers.json(unknown));
	}

	@Test
	void repeatedFailures_lockTheUserEvenForTheRightPassword_untilTheLockEnds() {
		new AdminUsers(this.client).create("login-bob", "bob-password-1234");
		for (int attempt = 1; attempt <= 20; attempt++) {
			EntityExchangeResult<byte[]> result = login("login-bob", "wrong-password-" + attempt).expectBody()
				.returnResult();
			int status = result.getStatus().value();
			if (attempt <= 5) {
				assertThat(status).as("attempt " + attempt).isEqualTo(401);
			}
			else {
				assertThat(status).as("attempt " + attempt).isEqualTo(429);
				assertThat(retryAfter(result)).as("Retry-After of attempt " + attempt).isBetween(1L, 3L);
			}
		}
		EntityExchangeResult<byte[]> locked = problem(login("login-bob", "bob-password-1234"), 429).returnResult();
		assertThat(retryAfter(locked)).isBetween(1L, 3L);

		Map<String, Object> audit = AdminUsers
			.json(okBody(this.api.get("/api/audit_logs?username=login-bob&action=login&page_size=100")));
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> entries = (List<Map<String, Object>>) audit.get("list");
		assertThat(entries).hasSize(21).allSatisfy((entry) -> assertThat(entry).containsEntry("outcome", "denied"));
		assertThat(entries).filteredOn((entry) -> Integer.valueOf(401).equals(entry.get("status"))).hasSize(5);
		assertThat(entries).filteredOn((entry) -> Integer.valueOf(429).equals(entry.get("status")))
			.hasSize(16)
			.allSatisfy((entry) -> assertThat((String) entry.get("detail")).contains("locked"));

		await().atMost(10, TimeUnit.SECONDS)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> login("login-bob", "bob-password-1234").expectBody()
				.returnResult()
				.getStatus()
				.value() == 200);
	}

	@Test
	void lastEnabledSuperAdmin_cannotBeDisabledDeletedOrDemoted() {
		AdminUsers users = new AdminUsers(this.client);
		Map<String, Object> me = AdminUsers.json(okBody(this.api.get("/api/me")));
		String adminId = (String) me.get("id");
		@SuppressWarnings("unchecked")
		String grantId = (String) ((List<Map<String, Object>>) me.get("roles")).get(0).get("id");
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		this.client.put()
			.uri("/api/users/{id}", adminId)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"enabled\": false}")
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("enabled");
		this.client.delete()
			.uri("/api/users/{id}/roles/{grant}", adminId, grantId)
			.exchange()
			.expectStatus()
			.isEqualTo(409);
		this.client.delete().uri("/api/users/{id}", adminId).exchange().expectStatus().isEqualTo(409);
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);

		// A disabled super admin is not the last enabled one: it can be deleted.
		String other = users.create("login-root2", null, "super_admin");
		this.client.put()
			.uri("/api/users/{id}", other)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"enabled\": false}")
			.exchange()
			.expectStatus()
			.isOk();
		this.client.delete().uri("/api/users/{id}", other).exchange().expectStatus().isNoContent();
	}

	@Test
	void emptyDatabase_withoutBootstrapCredentials_refusesToStart() {
		PostgresTestSchema empty = PostgresTestSchema.createEmpty("adminboot");
		try {
			Map<String, Object> properties = properties(empty);
			properties.remove("portico.admin.bootstrap.token");
			assertThatIllegalStateException().isThrownBy(() -> start(properties).close())
				.withStackTraceContaining("portico.admin.bootstrap");
			assertThat(AdminTestDatabase.queryLong(empty, "select count(*) from app_user")).isZero();
		}
		finally {
			empty.close();
		}
	}

	@Test
	void existingUsers_bootstrapPropertiesAreIgnored() {
		String ignoredToken = "pt_ignored-bootstrap-token-0123456789";
		long users = AdminTestDatabase.queryLong(schema, "select count(*) from app_user");
		Map<String, Object> properties = properties(schema);
		properties.put("portico.admin.bootstrap.token", ignoredToken);
		properties.put("portico.admin.bootstrap.username", "login-second-admin");
		try (ConfigurableApplicationContext second = start(properties)) {
			String port = second.getEnvironment().getProperty("local.server.port");
			WebTestClient.bindToServer()
				.baseUrl("http://127.0.0.1:" + port)
				.build()
				.get()
				.uri("/api/me")
				.header("X-API-KEY", ignoredToken)
				.exchange()
				.expectStatus()
				.isUnauthorized();
		}
		assertThat(AdminTestDatabase.queryLong(schema, "select count(*) from app_user")).isEqualTo(users);
		assertThat(AdminTestDatabase.queryLong(schema,
				"select count(*) from app_user where username = 'login-second-admin'"))
			.isZero();
	}

	private static Map<String, Object> properties(PostgresTestSchema target) {
		Map<String, Object> properties = new LinkedHashMap<>();
		AdminTestDatabase.register((name, value) -> properties.put(name, value.get()), target);
		properties.put("server.port", "0");
		properties.put("spring.main.banner-mode", "off");
		return properties;
	}

	/**
	 * Starts another admin as {@code java -jar} would, without the test components of the
	 * classpath (a fixed clock, for one).
	 */
	private static ConfigurableApplicationContext start(Map<String, Object> properties) {
		return new SpringApplicationBuilder(AdminApplication.class).initializers((context) -> {
			// Above application.yml, as environment variables would be.
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
			context.getBeanFactory().registerSingleton(TestComponents.class.getName(), new TestComponents());
		}).run();
	}

	private WebTestClient.ResponseSpec login(String username, String password) {
		return anonymous().post()
			.uri("/api/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}")
			.exchange();
	}

	private Session signIn(String username, String password) {
		EntityExchangeResult<byte[]> result = login(username, password).expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		ResponseCookie cookie = result.getResponseCookies().getFirst(SESSION);
		assertThat(cookie).isNotNull();
		return new Session(cookie.getValue(), (String) AdminUsers.json(result.getResponseBody()).get("csrf_token"));
	}

	private WebTestClient anonymous() {
		return AdminUsers.anonymous(this.client);
	}

	private static long retryAfter(EntityExchangeResult<byte[]> result) {
		String value = result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
		assertThat(value).as("Retry-After").isNotNull();
		return Long.parseLong(value);
	}

	private record Session(String cookie, String csrf) {

	}

	/** Leaves out {@code @TestConfiguration} and other test components. */
	static final class TestComponents extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
			return reader.getAnnotationMetadata().isAnnotated(TestComponent.class.getName());
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof TestComponents;
		}

		@Override
		public int hashCode() {
			return TestComponents.class.hashCode();
		}

	}

}

package io.portico.admin.token;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.portico.admin.AdminHttpTest;
import io.portico.admin.AdminTestDatabase;
import io.portico.admin.AdminUsers;
import io.portico.admin.AdminUsers.Member;
import io.portico.admin.AdminUsers.Token;
import io.portico.testsupport.PostgresTestSchema;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.portico.admin.AdminApi.okBody;
import static io.portico.admin.AdminApi.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * API tokens over HTTP against PostgreSQL: shown once and stored only as a hash (checked
 * in a {@code pg_dump}), expiring (30 days by default, never only for super admins),
 * revocable and expiring at once, narrowable but never widened, accepted as
 * {@code X-API-KEY} and {@code Authorization: Bearer}.
 */
@AdminHttpTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTokenTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("admintoken");

	private static final Path PG_DUMP = Path.of("/usr/bin/pg_dump");

	private static final AtomicInteger VERSION = new AtomicInteger();

	@Autowired
	WebTestClient client;

	private AdminUsers users;

	/** Group {@code test} with a service published, by the super admin. */
	@BeforeAll
	void fixtures() {
		this.users = new AdminUsers(this.client);
		post(this.client, "/api/gateway_groups", "{\"id\": \"test\", \"name\": \"test\"}").expectStatus().isCreated();
		post(this.client, "/api/services/template", "{\"id\": \"tok-svc\", \"name\": \"tok-svc\"}").expectStatus()
			.isCreated();
		post(this.client, "/api/services/template/tok-svc/routes",
				"{\"name\": \"r\", \"paths\": [\"/tok/*\"], \"methods\": [\"GET\"]}")
			.expectStatus()
			.isCreated();
		publish(this.client).expectStatus().isOk();
	}

	@Test
	void createdToken_isShownOnce_andLaterListsShowOnlyPrefixNameExpiryAndLastUse() {
		String userId = this.users.create("tok-once", null, "viewer@test");
		Map<String, Object> created = AdminUsers
			.json(post(this.client, "/api/users/" + userId + "/tokens", "{\"name\": \"ci\"}").expectStatus()
				.isCreated()
				.expectBody()
				.returnResult()
				.getResponseBody());
		String token = (String) created.get("token");
		assertThat(token).startsWith("pt_").hasSizeGreaterThan(40);
		assertThat(created).containsEntry("name", "ci")
			.containsEntry("prefix", token.substring(0, 11))
			.containsEntry("last_used_at", null);
		OffsetDateTime expiresAt = OffsetDateTime.parse((String) created.get("expires_at"));
		assertThat(expiresAt).as("30 days by default")
			.isCloseTo(OffsetDateTime.now(ZoneOffset.UTC).plusDays(30), within(2, ChronoUnit.MINUTES));

		Map<String, Object> listed = onlyToken(this.client, "/api/users/" + userId + "/tokens");
		assertThat(listed).containsKeys("prefix", "name", "expires_at", "last_used_at")
			.doesNotContainKey("token")
			.containsEntry("prefix", token.substring(0, 11))
			.containsEntry("name", "ci")
			.containsEntry("last_used_at", null);
		assertThat(OffsetDateTime.parse((String) listed.get("expires_at"))).isEqualTo(expiresAt);

		WebTestClient owner = AdminUsers.as(this.client, token);
		owner.get().uri("/api/me").exchange().expectStatus().isOk();
		for (Map<String, Object> later : List.of(onlyToken(owner, "/api/tokens"),
				onlyToken(this.client, "/api/users/" + userId + "/tokens"))) {
			assertThat(later).doesNotContainKey("token").containsEntry("prefix", token.substring(0, 11));
			assertThat(later.get("last_used_at")).as("set by the use").isNotNull();
		}
		String ownList = new String(
				owner.get().uri("/api/tokens").exchange().expectBody().returnResult().getResponseBody(),
				StandardCharsets.UTF_8);
		assertThat(ownList).doesNotContain(token).doesNotContain(token.substring(3));
	}

	@Test
	void neverExpires_isRefusedForAUserWhoIsNotSuperAdmin_andAllowedForASuperAdmin() {
		Member member = this.users.member("tok-never", "publisher@test");
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		for (WebTestClient.ResponseSpec refused : List.of(
				post(this.client, "/api/users/" + member.id() + "/tokens",
						"{\"name\": \"forever\", \"never_expires\": true}"),
				post(AdminUsers.as(this.client, member.token().value()), "/api/tokens",
						"{\"name\": \"forever\", \"never_expires\": true}"))) {
			refused.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("never_expires");
		}
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);

		post(this.client, "/api/tokens", "{\"name\": \"admin-forever\", \"never_expires\": true}").expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.expires_at")
			.isEmpty()
			.jsonPath("$.token")
			.isNotEmpty();
	}

	@Test
	void database_holdsNoTokenInClear() throws Exception {
		assumeThat(Files.isExecutable(PG_DUMP)).as("pg_dump is installed").isTrue();
		Member member = this.users.member("tok-dump", "viewer@test");
		String token = member.token().value();
		AdminUsers.as(this.client, token).get().uri("/api/me").exchange().expectStatus().isOk();
		String own = AdminUsers
			.json(post(AdminUsers.as(this.client, token), "/api/tokens", "{\"name\": \"own\"}").expectStatus()
				.isCreated()
				.expectBody()
				.returnResult()
				.getResponseBody())
			.get("token")
			.toString();

		String dump = pgDump();

		assertThat(dump).as("the dump holds the tokens' hashes").contains(ApiTokens.hash(token), ApiTokens.hash(own));
		for (String secret : List.of(token, own, AdminTestDatabase.ADMIN_TOKEN)) {
			assertThat(dump).as("the dump never holds a token")
				.doesNotContain(secret)
				.doesNotContain(secret.substring(3));
		}
	}

	@Test
	void revokedToken_isRefusedOnTheNextRequest_withinOneSecond() {
		Member member = this.users.member("tok-revoked", "viewer@test");
		WebTestClient revoked = AdminUsers.as(this.client, member.token().value());
		revoked.get().uri("/api/me").exchange().expectStatus().isOk();

		this.client.delete()
			.uri("/api/users/{id}/tokens/{token}", member.id(), member.token().id())
			.exchange()
			.expectStatus()
			.isNoContent();
		long revokedAt = System.nanoTime();
		problem(revoked.get().uri("/api/me").exchange(), 401);
		assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(1));

		// The owner revokes one of their own tokens just the same.
		Token second = this.users.token(member.id(), "{\"name\": \"second\"}");
		WebTestClient owner = AdminUsers.as(this.client, second.value());
		owner.delete().uri("/api/tokens/{token}", second.id()).exchange().expectStatus().isNoContent();
		owner.get().uri("/api/me").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void expiredToken_isRefused_withinOneSecondOfItsExpiry() {
		String userId = this.users.create("tok-expiring", null, "viewer@test");
		OffsetDateTime expiresAt = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
		Token token = this.users.token(userId, "{\"name\": \"short\", \"expires_at\": \"" + expiresAt + "\"}");
		WebTestClient expiring = AdminUsers.as(this.client, token.value());
		expiring.get().uri("/api/me").exchange().expectStatus().isOk();

		AtomicReference<OffsetDateTime> refusedAt = new AtomicReference<>();
		await().atMost(10, TimeUnit.SECONDS).pollInterval(100, TimeUnit.MILLISECONDS).until(() -> {
			int status = expiring.get().uri("/api/me").exchange().expectBody().returnResult().getStatus().value();
			refusedAt.set(OffsetDateTime.now(ZoneOffset.UTC));
			return status == 401;
		});
		assertThat(refusedAt.get()).as("refused once expired, not before")
			.isAfterOrEqualTo(expiresAt)
			.isBefore(expiresAt.plusSeconds(1));
	}

	@Test
	void narrowedToken_cannotPublishWhereItsUserCan_butStillReads() {
		Member member = this.users.member("tok-narrowed", "publisher@test");
		publish(AdminUsers.as(this.client, member.token().value())).expectStatus().isOk();
		Token narrowed = this.users.token(member.id(),
				"{\"name\": \"read-only\", \"roles\": [{\"role\": \"viewer\", \"gateway_group_id\": \"test\"}]}");
		WebTestClient readOnly = AdminUsers.as(this.client, narrowed.value());

		readOnly.get().uri("/api/gateway_groups/test/services").exchange().expectStatus().isOk();
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		problem(publish(readOnly), 403).jsonPath("$.permission")
			.isEqualTo("gateway_group:publish")
			.jsonPath("$.gateway_group_id")
			.isEqualTo("test");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void narrowingBeyondTheUsersRoles_isRefusedNamingTheRole() {
		Member member = this.users.member("tok-widened", "publisher@test");
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		post(this.client, "/api/users/" + member.id() + "/tokens",
				"{\"name\": \"wider\", \"roles\": [{\"role\": \"publisher\", \"gateway_group_id\": \"default\"}]}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("roles[0]");
		post(AdminUsers.as(this.client, member.token().value()), "/api/tokens",
				"{\"name\": \"wider\", \"roles\": [{\"role\": \"viewer\", \"gateway_group_id\": \"test\"},"
						+ " {\"role\": \"group_admin\", \"gateway_group_id\": \"test\"}]}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("roles[1]");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void bearerToken_worksLikeTheApiKeyHeader() {
		Member member = this.users.member("tok-bearer", "publisher@test");
		WebTestClient bearer = AdminUsers.bearer(this.client, member.token().value());
		bearer.get()
			.uri("/api/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo("tok-bearer")
			.jsonPath("$.token_id")
			.isEqualTo(member.token().id());
		publish(bearer).expectStatus().isOk();
	}

	@Test
	void me_showsTheUserRolesTokenRolesAndPermissions() {
		Member member = this.users.member("tok-me", "publisher@test");
		AdminUsers.as(this.client, member.token().value())
			.get()
			.uri("/api/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(member.id())
			.jsonPath("$.username")
			.isEqualTo("tok-me")
			.jsonPath("$.roles[0].role")
			.isEqualTo("publisher")
			.jsonPath("$.roles[0].gateway_group_id")
			.isEqualTo("test")
			.jsonPath("$.token_roles")
			.isEmpty()
			.jsonPath("$.permissions")
			.value((permissions) -> assertThat(permissions).asInstanceOf(InstanceOfAssertFactories.LIST)
				.contains("gateway_group:publish@test", "gateway_group:read@test", "service_hub:read")
				.doesNotContain("gateway_group:read@default", "gateway_group:admin@test", "service_hub:write"));

		Token narrowed = this.users.token(member.id(),
				"{\"name\": \"narrow\", \"roles\": [{\"role\": \"viewer\", \"gateway_group_id\": \"test\"}]}");
		AdminUsers.as(this.client, narrowed.value())
			.get()
			.uri("/api/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.roles[0].role")
			.isEqualTo("publisher")
			.jsonPath("$.token_roles[0].role")
			.isEqualTo("viewer")
			.jsonPath("$.token_roles[0].gateway_group_id")
			.isEqualTo("test")
			.jsonPath("$.permissions")
			.value((permissions) -> assertThat(permissions).asInstanceOf(InstanceOfAssertFactories.LIST)
				.contains("gateway_group:read@test")
				.doesNotContain("gateway_group:publish@test"));
	}

	private String pgDump() throws IOException, InterruptedException {
		URI url = URI.create(schema.jdbcUrl().substring("jdbc:".length()));
		ProcessBuilder builder = new ProcessBuilder(PG_DUMP.toString(), "-h", url.getHost(), "-p",
				Integer.toString(url.getPort()), "-U", schema.username(), "-n", schema.name(),
				url.getPath().substring(1));
		if (!schema.password().isEmpty()) {
			builder.environment().put("PGPASSWORD", schema.password());
		}
		builder.redirectError(ProcessBuilder.Redirect.DISCARD);
		Process process = builder.start();
		String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("pg_dump ends").isTrue();
		assertThat(process.exitValue()).as("pg_dump exit code").isZero();
		assertThat(dump).contains("COPY " + schema.name() + ".api_token");
		return dump;
	}

	private Map<String, Object> onlyToken(WebTestClient caller, String uri) {
		Map<String, Object> list = AdminUsers.json(okBody(caller.get().uri(uri).exchange()));
		assertThat(list.get("list")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(1);
		@SuppressWarnings("unchecked")
		Map<String, Object> token = ((List<Map<String, Object>>) list.get("list")).get(0);
		return token;
	}

	private static WebTestClient.ResponseSpec publish(WebTestClient caller) {
		return post(caller, "/api/services/publish",
				"{\"gateway_group_id\": \"test\", \"services\": [{\"template_id\": \"tok-svc\", \"version\": \"1.0."
						+ VERSION.incrementAndGet()
						+ "\", \"upstream\": {\"nodes\": [{\"host\": \"10.0.0.1\", \"port\":" + " 8080}]}}]}");
	}

	private static WebTestClient.ResponseSpec post(WebTestClient caller, String uri, String json) {
		return caller.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

}

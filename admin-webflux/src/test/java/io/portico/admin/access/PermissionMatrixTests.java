package io.portico.admin.access;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import io.portico.admin.AdminHttpTest;
import io.portico.admin.AdminTestDatabase;
import io.portico.admin.AdminUsers;
import io.portico.admin.registry.FakeRegistryConfiguration;
import io.portico.testsupport.PostgresTestSchema;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.portico.admin.AdminApi.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The permission matrix of issue 10 over HTTP against PostgreSQL: for each role bound to
 * gateway group {@code test} only (or global), a representative call of each endpoint
 * family, in {@code test} and in {@code prod}, is allowed or refused exactly as
 * {@link Role} says; a refusal is a {@code 403} problem naming the permission and the
 * group, and leaves the database unchanged.
 */
@AdminHttpTest
@Import(FakeRegistryConfiguration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("adminmatrix");

	private static final String NODE_A = "{\"nodes\": [{\"host\": \"10.0.0.1\", \"port\": 8080}]}";

	private static final String NODE_B = "{\"nodes\": [{\"host\": \"10.0.0.2\", \"port\": 9090}]}";

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private static final List<String> ROLES = List.of("viewer", "publisher", "group_admin", "editor", "super_admin");

	/**
	 * The expected outcome of each call (and group, {@code -} for calls not bound to one)
	 * per role: {@code allow}, or the permission (and group) the refusal names. The group
	 * roles are bound to {@code test}.
	 */
	private static final String MATRIX = """
			call              group | viewer                     | publisher                  | group_admin                | editor                     | super_admin
			services.list     test  | allow                      | allow                      | allow                      | gateway_group:read@test    | allow
			services.list     prod  | gateway_group:read@prod    | gateway_group:read@prod    | gateway_group:read@prod    | gateway_group:read@prod    | allow
			instances.list    test  | allow                      | allow                      | allow                      | gateway_group:read@test    | allow
			instances.list    prod  | gateway_group:read@prod    | gateway_group:read@prod    | gateway_group:read@prod    | gateway_group:read@prod    | allow
			publish           test  | gateway_group:publish@test | allow                      | allow                      | gateway_group:publish@test | allow
			publish           prod  | gateway_group:publish@prod | gateway_group:publish@prod | gateway_group:publish@prod | gateway_group:publish@prod | allow
			runtime.update    test  | gateway_group:publish@test | allow                      | allow                      | gateway_group:publish@test | allow
			runtime.update    prod  | gateway_group:publish@prod | gateway_group:publish@prod | gateway_group:publish@prod | gateway_group:publish@prod | allow
			canary.put        test  | gateway_group:publish@test | allow                      | allow                      | gateway_group:publish@test | allow
			canary.put        prod  | gateway_group:publish@prod | gateway_group:publish@prod | gateway_group:publish@prod | gateway_group:publish@prod | allow
			promote.into      prod  | gateway_group:publish@prod | gateway_group:publish@prod | gateway_group:publish@prod | gateway_group:publish@prod | allow
			promote.into      test  | gateway_group:publish@test | gateway_group:read@prod    | gateway_group:read@prod    | gateway_group:publish@test | allow
			registry.create   test  | gateway_group:admin@test   | gateway_group:admin@test   | allow                      | gateway_group:admin@test   | allow
			registry.create   prod  | gateway_group:admin@prod   | gateway_group:admin@prod   | gateway_group:admin@prod   | gateway_group:admin@prod   | allow
			group.update      test  | gateway_group:admin@test   | gateway_group:admin@test   | allow                      | gateway_group:admin@test   | allow
			group.update      prod  | gateway_group:admin@prod   | gateway_group:admin@prod   | gateway_group:admin@prod   | gateway_group:admin@prod   | allow
			template.read     -     | allow                      | allow                      | allow                      | allow                      | allow
			template.create   -     | service_hub:write          | service_hub:write          | service_hub:write          | allow                      | allow
			template.update   -     | service_hub:write          | service_hub:write          | service_hub:write          | allow                      | allow
			users.list        -     | users:manage               | users:manage               | users:manage               | users:manage               | allow
			audit.list        -     | audit_log:read             | audit_log:read             | audit_log:read             | audit_log:read             | allow
			group.create      -     | gateway_groups:manage      | gateway_groups:manage      | gateway_groups:manage      | gateway_groups:manage      | allow
			""";

	/** One representative call per endpoint family, in a group. */
	private static final Map<String, BiFunction<WebTestClient, String, WebTestClient.ResponseSpec>> CALLS = calls();

	@Autowired
	WebTestClient client;

	private final Map<String, String> tokens = new LinkedHashMap<>();

	private AdminUsers users;

	/**
	 * Groups {@code test} and {@code prod}, templates published to both, and one user
	 * with a token per role, all made by the super admin over the API.
	 */
	@BeforeAll
	void fixtures() {
		this.users = new AdminUsers(this.client);
		for (String group : List.of("test", "prod")) {
			post(this.client, "/api/gateway_groups", "{\"id\": \"" + group + "\", \"name\": \"" + group + "\"}")
				.expectStatus()
				.isCreated();
		}
		for (String template : List.of("svc", "canarysvc", "hub")) {
			post(this.client, "/api/services/template",
					"{\"id\": \"" + template + "\", \"name\": \"" + template + "\"}")
				.expectStatus()
				.isCreated();
			post(this.client, "/api/services/template/" + template + "/routes",
					"{\"name\": \"r\", \"paths\": [\"/" + template + "/*\"], \"methods\": [\"GET\"]}")
				.expectStatus()
				.isCreated();
		}
		for (String group : List.of("test", "prod")) {
			post(this.client, "/api/services/publish", "{\"gateway_group_id\": \"" + group + "\", \"services\": ["
					+ "{\"template_id\": \"svc\", \"version\": \"1.0.0\", \"upstream\": " + NODE_A + "},"
					+ " {\"template_id\": \"canarysvc\", \"version\": \"1.0.0\", \"upstream\": " + NODE_A + "}]}")
				.expectStatus()
				.isOk();
		}
		for (String role : ROLES) {
			String binding = Role.of(role).orElseThrow().groupBound() ? role + "@test" : role;
			this.tokens.put(role, this.users.member("matrix-" + role, binding).token().value());
		}
	}

	static Stream<Arguments> matrix() {
		List<Arguments> cases = new ArrayList<>();
		List<String> lines = MATRIX.lines().filter((line) -> !line.isBlank()).toList();
		List<String> header = cells(lines.get(0));
		for (String line : lines.subList(1, lines.size())) {
			List<String> cells = cells(line);
			String[] call = cells.get(0).split("\\s+");
			assertThat(CALLS).as("calls of the matrix").containsKey(call[0]);
			for (int i = 1; i < cells.size(); i++) {
				cases.add(arguments(header.get(i), call[0], call[1], cells.get(i)));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} {1} in {2}: {3}")
	@MethodSource("matrix")
	void role_callInGroup_isAllowedOrRefusedAsTheMatrixSays(String role, String call, String group, String expected) {
		WebTestClient caller = AdminUsers.as(this.client, this.tokens.get(role));
		String where = role + "@test calling " + call + " in " + group;
		if ("allow".equals(expected)) {
			EntityExchangeResult<byte[]> result = CALLS.get(call).apply(caller, group).expectBody().returnResult();
			assertThat(result.getStatus().is2xxSuccessful())
				.as(where + " is allowed, but answered " + result.getStatus() + " " + text(result))
				.isTrue();
			return;
		}
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		EntityExchangeResult<byte[]> result = CALLS.get(call).apply(caller, group).expectBody().returnResult();
		assertThat(result.getStatus().value()).as(where + " is refused: " + text(result)).isEqualTo(403);
		assertThat(result.getResponseHeaders().getContentType()).as(where)
			.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		Map<String, Object> problem = AdminUsers.json(result.getResponseBody());
		String[] permission = expected.split("@", 2);
		assertThat(problem).as(where + " names the permission and the group")
			.containsEntry("permission", permission[0])
			.containsKey("gateway_group_id");
		assertThat(problem.get("gateway_group_id")).as(where + " names the group")
			.isEqualTo((permission.length > 1) ? permission[1] : null);
		assertThat(AdminTestDatabase.snapshot(schema)).as(where + " changed nothing").isEqualTo(before);
	}

	@Test
	void promote_withPublisherInTargetAndViewerInSource_isAllowedOnlyThatWay() {
		String token = this.users.member("matrix-promoter", "publisher@prod", "viewer@test").token().value();
		WebTestClient promoter = AdminUsers.as(this.client, token);
		promote(promoter, "test", "prod").expectStatus().isOk();
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		refusedToPublishIn(promote(promoter, "prod", "test"), "test");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void revokedRole_isRefusedOnTheNextRequest_andADisabledUser_isUnauthenticated() {
		String userId = this.users.create("matrix-revoked", null);
		String grantId = this.users.grant(userId, "publisher@test");
		WebTestClient publisher = AdminUsers.as(this.client,
				this.users.token(userId, "{\"name\": \"revoked\"}").value());
		publish(publisher, "test").expectStatus().isOk();

		this.client.delete()
			.uri("/api/users/{id}/roles/{grant}", userId, grantId)
			.exchange()
			.expectStatus()
			.isNoContent();
		refusedToPublishIn(publish(publisher, "test"), "test");
		// Still signed in, with no role: who am I, my tokens and sign-out stay allowed.
		publisher.get()
			.uri("/api/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.roles")
			.isEmpty()
			.jsonPath("$.permissions")
			.value((permissions) -> assertThat(permissions).asInstanceOf(InstanceOfAssertFactories.LIST)
				.containsExactly("signed_in"));

		this.client.put()
			.uri("/api/users/{id}", userId)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"enabled\": false}")
			.exchange()
			.expectStatus()
			.isOk();
		problem(publisher.get().uri("/api/me").exchange(), 401);
	}

	private static void refusedToPublishIn(WebTestClient.ResponseSpec response, String group) {
		response.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.permission")
			.isEqualTo("gateway_group:publish")
			.jsonPath("$.gateway_group_id")
			.isEqualTo(group);
	}

	private static Map<String, BiFunction<WebTestClient, String, WebTestClient.ResponseSpec>> calls() {
		Map<String, BiFunction<WebTestClient, String, WebTestClient.ResponseSpec>> calls = new LinkedHashMap<>();
		calls.put("services.list", (c, g) -> c.get().uri("/api/gateway_groups/{gg}/services", g).exchange());
		calls.put("instances.list", (c, g) -> c.get().uri("/api/gateway_groups/{gg}/instances", g).exchange());
		calls.put("publish", PermissionMatrixTests::publish);
		calls.put("runtime.update",
				(c, g) -> put(c, "/api/gateway_groups/" + g + "/services/svc/runtime", "{\"upstream\": " + NODE_A
						+ ", \"timeout\": {\"connect\": " + (1 + SEQUENCE.incrementAndGet() % 9) + "}}"));
		calls.put("canary.put", (c, g) -> put(c, "/api/gateway_groups/" + g + "/services/canarysvc/canary",
				"{\"weight\": " + (1 + SEQUENCE.incrementAndGet() % 50) + ", \"upstream\": " + NODE_B + "}"));
		calls.put("promote.into", (c, g) -> promote(c, "test".equals(g) ? "prod" : "test", g));
		calls.put("registry.create", (c, g) -> {
			String id = "reg-" + SEQUENCE.incrementAndGet();
			return post(c, "/api/gateway_groups/" + g + "/service_registries", "{\"id\": \"" + id + "\", \"name\": \""
					+ id + "\", \"type\": \"consul\", \"consul\": {\"address\": \"http://healthy.consul:8500\"}}");
		});
		calls.put("group.update", (c, g) -> put(c, "/api/gateway_groups/" + g,
				"{\"name\": \"" + g + "\", \"description\": \"update " + SEQUENCE.incrementAndGet() + "\"}"));
		calls.put("template.read", (c, g) -> c.get().uri("/api/services/template/hub").exchange());
		calls.put("template.create", (c, g) -> {
			String id = "tpl-" + SEQUENCE.incrementAndGet();
			return post(c, "/api/services/template", "{\"id\": \"" + id + "\", \"name\": \"" + id + "\"}");
		});
		calls.put("template.update", (c, g) -> put(c, "/api/services/template/hub",
				"{\"name\": \"hub\", \"description\": \"update " + SEQUENCE.incrementAndGet() + "\"}"));
		calls.put("users.list", (c, g) -> c.get().uri("/api/users").exchange());
		calls.put("audit.list", (c, g) -> c.get().uri("/api/audit_logs").exchange());
		calls.put("group.create", (c, g) -> {
			String id = "grp-" + SEQUENCE.incrementAndGet();
			return post(c, "/api/gateway_groups", "{\"id\": \"" + id + "\", \"name\": \"" + id + "\"}");
		});
		return calls;
	}

	private static WebTestClient.ResponseSpec publish(WebTestClient client, String group) {
		return post(client, "/api/services/publish", "{\"gateway_group_id\": \"" + group + "\", \"services\":"
				+ " [{\"template_id\": \"svc\", \"version\": \"1.0." + SEQUENCE.incrementAndGet() + "\"}]}");
	}

	private static WebTestClient.ResponseSpec promote(WebTestClient client, String source, String target) {
		return post(client, "/api/services/sync", "{\"source_gateway_group_id\": \"" + source
				+ "\", \"target_gateway_group_id\": \"" + target + "\", \"services\": [{\"service_id\": \"svc\"}]}");
	}

	private static WebTestClient.ResponseSpec post(WebTestClient client, String uri, String json) {
		return client.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	private static WebTestClient.ResponseSpec put(WebTestClient client, String uri, String json) {
		return client.put().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	private static List<String> cells(String line) {
		return List.of(line.split("\\|")).stream().map(String::strip).toList();
	}

	private static String text(EntityExchangeResult<byte[]> result) {
		byte[] body = result.getResponseBody();
		return (body != null) ? new String(body, StandardCharsets.UTF_8) : "";
	}

}

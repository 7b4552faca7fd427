package io.portico.admin.audit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.portico.admin.AdminApi;
import io.portico.admin.AdminHttpTest;
import io.portico.admin.AdminTestDatabase;
import io.portico.admin.AdminUsers;
import io.portico.admin.AdminUsers.Member;
import io.portico.admin.registry.FakeRegistryConfiguration;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriBuilder;

import static io.portico.admin.AdminApi.okBody;
import static io.portico.admin.AdminApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log over HTTP against PostgreSQL: each write, refusal and failed sign-in is
 * recorded with who, from where and how it ended; a change and its row commit together or
 * not at all; secrets are masked; filters, paging and the CSV and JSON exports agree;
 * {@code X-Forwarded-For} is ignored without trusted proxies; old rows are pruned.
 */
@AdminHttpTest
@Import(FakeRegistryConfiguration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditLogTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("adminaudit");

	private static final List<String> LOOPBACK = List.of("127.0.0.1", "::1", "0:0:0:0:0:0:0:1");

	private static final String NODES = "{\"nodes\": [{\"host\": \"10.0.0.1\", \"port\": 8080}]}";

	private static final List<String> CSV_HEADER = List.of("id", "occurred_at", "user_id", "username", "token_id",
			"source_ip", "action", "resource_type", "resource_id", "gateway_group_id", "outcome", "status", "summary",
			"detail");

	@Autowired
	WebTestClient client;

	@Autowired
	AdminApi api;

	@Autowired
	AuditRetention retention;

	private AdminUsers users;

	@BeforeAll
	void fixtures() {
		this.users = new AdminUsers(this.client);
		post(this.client, "/api/gateway_groups", "{\"id\": \"test\", \"name\": \"test\"}").expectStatus().isCreated();
	}

	@Test
	void writes_areListedWithUserTokenAddressActionResourceGroupAndSuccess() {
		template(this.client, "aud-svc", "Audited service").expectStatus().isCreated();
		String routeId = (String) AdminUsers.json(
				route(this.client, "aud-svc").expectStatus().isCreated().expectBody().returnResult().getResponseBody())
			.get("id");
		publish(this.client, "test", "aud-svc", "1.0.0").expectStatus().isOk();
		String tokenId = AdminTestDatabase.queryString(schema, "select id from api_token where name = 'bootstrap'");

		Map<String, Object> template = only(entries(
				(uri) -> uri.queryParam("resource_type", "service_template").queryParam("resource_id", "aud-svc")));
		assertWrite(template, "create", "service_template", "aud-svc", null, 201);
		assertThat(template).containsEntry("token_id", tokenId);
		assertThat((String) template.get("summary")).contains("Audited service");
		assertWrite(
				only(entries((uri) -> uri.queryParam("resource_type", "template_route")
					.queryParam("resource_id", "aud-svc/" + routeId))),
				"create", "template_route", "aud-svc/" + routeId, null, 201);
		Map<String, Object> publish = only(
				entries((uri) -> uri.queryParam("action", "publish").queryParam("resource_id", "aud-svc")));
		assertWrite(publish, "publish", "published_service", "aud-svc", "test", 200);
		assertThat(publish).containsEntry("token_id", tokenId);
	}

	@Test
	void refusedPublish_isListedAsDenied() {
		Member viewer = this.users.member("aud-viewer", "viewer@test");
		publish(AdminUsers.as(this.client, viewer.token().value()), "test", "aud-denied", "1.0.0").expectStatus()
			.isForbidden();

		Map<String, Object> denied = only(
				entries((uri) -> uri.queryParam("username", "aud-viewer").queryParam("action", "publish")));
		assertThat(denied).containsEntry("outcome", "denied")
			.containsEntry("status", 403)
			.containsEntry("user_id", viewer.id())
			.containsEntry("token_id", viewer.token().id())
			.containsEntry("gateway_group_id", "test")
			.containsEntry("resource_type", "published_service");
		assertThat((String) denied.get("detail")).contains("gateway_group:publish");
		assertThat(LOOPBACK).contains((String) denied.get("source_ip"));
	}

	@Test
	void failedSignIn_andRejectedToken_areListedAsDenied() {
		OffsetDateTime from = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
		WebTestClient anonymous = AdminUsers.anonymous(this.client);
		post(anonymous, "/api/login", "{\"username\": \"aud-nobody\", \"password\": \"not-the-password\"}")
			.expectStatus()
			.isUnauthorized();
		anonymous.get()
			.uri("/api/me")
			.header("X-API-KEY", "pt_auditunknownauditunknownaudit")
			.exchange()
			.expectStatus()
			.isUnauthorized();

		Map<String, Object> login = only(entries((uri) -> uri.queryParam("username", "aud-nobody")));
		assertThat(login).containsEntry("action", "login")
			.containsEntry("outcome", "denied")
			.containsEntry("status", 401)
			.containsEntry("resource_type", "session");
		assertThat(LOOPBACK).contains((String) login.get("source_ip"));
		Map<String, Object> token = only(entries(
				(uri) -> uri.queryParam("action", "authenticate").queryParam("from", "{from}").build(from.toString())));
		assertThat(token).containsEntry("outcome", "denied").containsEntry("status", 401);
	}

	@Test
	void publishFailingInTheService_leavesAFailureRowAndNoSuccessRow() {
		publish(this.client, "test", "aud-missing", "1.0.0").expectStatus().isNotFound();
		Map<String, Object> missing = only(
				entries((uri) -> uri.queryParam("action", "publish").queryParam("resource_id", "aud-missing")));
		assertThat(missing).containsEntry("outcome", "failure").containsEntry("status", 404);

		template(this.client, "aud-dup", "Published twice").expectStatus().isCreated();
		route(this.client, "aud-dup").expectStatus().isCreated();
		publish(this.client, "test", "aud-dup", "1.0.0").expectStatus().isOk();
		publish(this.client, "test", "aud-dup", "1.0.0").expectStatus().isEqualTo(409);
		List<Map<String, Object>> dup = entries(
				(uri) -> uri.queryParam("action", "publish").queryParam("resource_id", "aud-dup"));
		assertThat(dup).extracting((entry) -> entry.get("outcome") + " " + entry.get("status"))
			.as("newest first")
			.containsExactly("failure 409", "success 200");
	}

	@Test
	void auditRowThatCannotBeWritten_rollsTheChangeBack() {
		OffsetDateTime from = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
		schema.execute(
				"create function refuse_audit_of_boom() returns trigger language plpgsql as $$ begin"
						+ " if new.resource_id = 'aud-boom' and new.outcome = 'success' then"
						+ " raise exception 'audit row refused'; end if; return new; end $$",
				"create trigger refuse_audit_of_boom before insert on audit_log for each row"
						+ " execute function refuse_audit_of_boom()");
		try {
			Map<String, Object> before = AdminTestDatabase.snapshot(schema);
			template(this.client, "aud-boom", "Never created").expectStatus().is5xxServerError();
			assertThat(AdminTestDatabase.snapshot(schema)).as("no change without its audit row").isEqualTo(before);
			assertThat(
					AdminTestDatabase.queryLong(schema, "select count(*) from service_template where id = 'aud-boom'"))
				.isZero();
		}
		finally {
			schema.execute("drop trigger refuse_audit_of_boom on audit_log", "drop function refuse_audit_of_boom()");
		}
		assertThat(entries((uri) -> uri.queryParam("resource_id", "aud-boom").queryParam("outcome", "success")))
			.isEmpty();
		Map<String, Object> failure = only(entries((uri) -> uri.queryParam("action", "create")
			.queryParam("resource_type", "service_template")
			.queryParam("outcome", "failure")
			.queryParam("from", "{from}")
			.build(from.toString())));
		assertThat((String) failure.get("summary")).contains("aud-boom");
	}

	@Test
	void summaries_maskSecrets() {
		String secret = "aud-consul-secret-7731";
		post(this.client, "/api/gateway_groups/test/service_registries",
				"{\"id\": \"aud-consul\", \"name\": \"aud-consul\", \"type\": \"consul\", \"consul\": {\"address\":"
						+ " \"http://healthy.consul:8500\", \"token\": \"" + secret + "\"}}")
			.expectStatus()
			.isCreated();
		String password = "aud-user-password-5519";
		post(this.client, "/api/users", "{\"username\": \"aud-masked\", \"password\": \"" + password + "\"}")
			.expectStatus()
			.isCreated();

		Map<String, Object> registry = only(entries(
				(uri) -> uri.queryParam("resource_type", "service_registry").queryParam("resource_id", "aud-consul")));
		assertThat((String) registry.get("summary")).contains("healthy.consul", AuditSummary.MASK)
			.doesNotContain(secret);
		Map<String, Object> user = only(
				entries((uri) -> uri.queryParam("resource_type", "user").queryParam("action", "create")).stream()
					.filter((entry) -> ((String) entry.get("summary")).contains("aud-masked"))
					.toList());
		assertThat((String) user.get("summary")).contains(AuditSummary.MASK).doesNotContain(password);
		assertThat(export("json")).doesNotContain(secret).doesNotContain(password);
		assertThat(export("csv")).doesNotContain(secret).doesNotContain(password);
	}

	@Test
	void filtersAndPaging_selectExactlyTheMatchingEntries() {
		Member member = this.users.member("aud-filter", "editor", "publisher@test");
		WebTestClient filter = AdminUsers.as(this.client, member.token().value());
		template(filter, "aud-f1", "First").expectStatus().isCreated();
		template(filter, "aud-f2", "Second").expectStatus().isCreated();
		route(filter, "aud-f1").expectStatus().isCreated();
		publish(filter, "test", "aud-f1", "1.0.0").expectStatus().isOk();
		publish(filter, "default", "aud-f1", "1.0.0").expectStatus().isForbidden();

		List<Map<String, Object>> all = entries((uri) -> uri.queryParam("username", "aud-filter"));
		assertThat(all).extracting((entry) -> entry.get("action") + " " + entry.get("outcome"))
			.as("newest first")
			.containsExactly("publish denied", "publish success", "create success", "create success", "create success");
		assertThat(entries((uri) -> uri.queryParam("username", "aud-filter").queryParam("action", "create")))
			.hasSize(3);
		assertThat(entries((uri) -> uri.queryParam("username", "aud-filter").queryParam("gateway_group_id", "test")))
			.extracting((entry) -> entry.get("outcome"))
			.containsExactly("success");
		assertThat(entries((uri) -> uri.queryParam("username", "aud-filter").queryParam("outcome", "denied")))
			.extracting((entry) -> entry.get("gateway_group_id"))
			.containsExactly("default");

		List<String> times = all.stream().map((entry) -> (String) entry.get("occurred_at")).toList();
		assertThat(entries((uri) -> uri.queryParam("username", "aud-filter")
			.queryParam("from", "{from}")
			.queryParam("to", "{to}")
			.build(times.get(3), times.get(1)))).as("from inclusive, to exclusive")
			.extracting((entry) -> entry.get("id"))
			.containsExactly(all.get(2).get("id"), all.get(3).get("id"));

		List<Object> paged = new ArrayList<>();
		for (int page = 1; page <= 3; page++) {
			int number = page;
			Map<String, Object> body = list((uri) -> uri.queryParam("username", "aud-filter")
				.queryParam("page", number)
				.queryParam("page_size", 2));
			assertThat(body).containsEntry("total", 5);
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("list");
			assertThat(items).hasSize((page < 3) ? 2 : 1);
			items.forEach((entry) -> paged.add(entry.get("id")));
		}
		assertThat(paged).containsExactlyElementsOf(all.stream().map((entry) -> entry.get("id")).toList());

		this.api.get("/api/audit_logs?outcome=maybe")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("outcome");
		this.api.get("/api/audit_logs?from=yesterday")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("from");
	}

	@Test
	void exports_parseAsJsonAndCsvWithTheSameEntries() {
		Member member = this.users.member("aud-export", "editor");
		WebTestClient exporter = AdminUsers.as(this.client, member.token().value());
		template(exporter, "aud-exp", "Says \\\"hi\\\", then, bye").expectStatus().isCreated();
		template(exporter, "aud-exp2", "=1+2, a formula").expectStatus().isCreated();
		List<Map<String, Object>> listed = entries((uri) -> uri.queryParam("username", "aud-export"));
		assertThat(listed).hasSize(2);

		List<Map<String, Object>> json = AdminUsers.jsonList(export("json", "aud-export"));
		assertThat(json).extracting((entry) -> entry.get("id"))
			.containsExactlyElementsOf(listed.stream().map((entry) -> entry.get("id")).toList());
		assertThat(json).extracting((entry) -> entry.get("summary"))
			.containsExactlyElementsOf(listed.stream().map((entry) -> entry.get("summary")).toList());

		List<List<String>> csv = Rfc4180.parse(export("csv", "aud-export"));
		assertThat(csv.get(0)).isEqualTo(CSV_HEADER);
		assertThat(csv).hasSize(listed.size() + 1);
		for (int i = 0; i < listed.size(); i++) {
			Map<String, String> row = new LinkedHashMap<>();
			for (int column = 0; column < CSV_HEADER.size(); column++) {
				row.put(CSV_HEADER.get(column), csv.get(i + 1).get(column));
			}
			Map<String, Object> entry = listed.get(i);
			for (String column : List.of("id", "username", "token_id", "action", "resource_type", "resource_id",
					"outcome", "summary")) {
				assertThat(row.get(column)).as(column).isEqualTo(String.valueOf(entry.get(column)));
			}
			assertThat(row.get("status")).isEqualTo(String.valueOf(entry.get("status")));
		}
		assertThat(csv.subList(1, csv.size())).as("quotes and commas survive")
			.extracting((row) -> row.get(CSV_HEADER.indexOf("summary")))
			.filteredOn((summary) -> summary.contains("Says \\\"hi\\\", then, bye"))
			.hasSize(1);

		this.api.get("/api/audit_logs/export?format=xml")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("format");
	}

	@Test
	void viewer_cannotReadOrExportTheAuditLog() {
		WebTestClient viewer = AdminUsers.as(this.client,
				this.users.member("aud-reader", "viewer@test").token().value());
		for (String uri : List.of("/api/audit_logs", "/api/audit_logs/export?format=json")) {
			problem(viewer.get().uri(uri).exchange(), 403).jsonPath("$.permission").isEqualTo("audit_log:read");
		}
	}

	@Test
	void forwardedFor_isIgnoredWithoutTrustedProxies() {
		this.client.post()
			.uri("/api/services/template")
			.header("X-Forwarded-For", "203.0.113.7")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"id\": \"aud-xff\", \"name\": \"aud-xff\"}")
			.exchange()
			.expectStatus()
			.isCreated();
		Map<String, Object> entry = only(entries(
				(uri) -> uri.queryParam("resource_type", "service_template").queryParam("resource_id", "aud-xff")));
		assertThat(LOOPBACK).contains((String) entry.get("source_ip"));
	}

	@Test
	void retention_prunesRowsOlderThanTheRetentionAndKeepsNewerOnes() {
		schema.execute(auditRow("aud-old", "181 days"), auditRow("aud-recent", "179 days"));
		StepVerifier.create(this.retention.prune()).expectNextCount(1).expectComplete().verify(Duration.ofSeconds(10));
		assertThat(AdminTestDatabase.queryLong(schema, "select count(*) from audit_log where id = 'aud-old'")).isZero();
		assertThat(AdminTestDatabase.queryLong(schema, "select count(*) from audit_log where id = 'aud-recent'"))
			.isOne();
	}

	private static String auditRow(String id, String age) {
		return "insert into audit_log (id, occurred_at, username, action, resource_type, outcome, status) values ('"
				+ id + "', current_timestamp - interval '" + age + "', 'aud-retention', 'create', 'service_template',"
				+ " 'success', 201)";
	}

	private static void assertWrite(Map<String, Object> entry, String action, String resourceType, String resourceId,
			String group, int status) {
		assertThat(entry).containsEntry("username", "admin")
			.containsEntry("action", action)
			.containsEntry("resource_type", resourceType)
			.containsEntry("resource_id", resourceId)
			.containsEntry("gateway_group_id", group)
			.containsEntry("outcome", "success")
			.containsEntry("status", status);
		assertThat(entry.get("user_id")).isNotNull();
		assertThat(entry.get("token_id")).isNotNull();
		assertThat(LOOPBACK).contains((String) entry.get("source_ip"));
		assertThat(entry.get("occurred_at")).isNotNull();
	}

	private List<Map<String, Object>> entries(Function<UriBuilder, Object> query) {
		Map<String, Object> body = list((builder) -> query.apply(builder.queryParam("page_size", 500)));
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("list");
		assertThat(body.get("total")).as("total").isEqualTo(items.size());
		return items;
	}

	private Map<String, Object> list(Function<UriBuilder, Object> query) {
		EntityExchangeResult<byte[]> result = this.client.get().uri((builder) -> {
			builder.path("/api/audit_logs");
			Object built = query.apply(builder);
			return (built instanceof URI uri) ? uri : builder.build();
		}).exchange().expectStatus().isOk().expectBody().returnResult();
		return AdminUsers.json(result.getResponseBody());
	}

	private static Map<String, Object> only(List<Map<String, Object>> entries) {
		assertThat(entries).hasSize(1);
		return entries.get(0);
	}

	private String export(String format) {
		return export(format, null);
	}

	private String export(String format, String username) {
		byte[] body = okBody(this.client.get().uri((builder) -> {
			builder.path("/api/audit_logs/export").queryParam("format", format);
			if (username != null) {
				builder.queryParam("username", username);
			}
			return builder.build();
		}).exchange());
		return new String(body, StandardCharsets.UTF_8);
	}

	private static WebTestClient.ResponseSpec template(WebTestClient caller, String id, String description) {
		return post(caller, "/api/services/template",
				"{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"description\": \"" + description + "\"}");
	}

	private static WebTestClient.ResponseSpec route(WebTestClient caller, String template) {
		return post(caller, "/api/services/template/" + template + "/routes",
				"{\"name\": \"r\", \"paths\": [\"/" + template + "/*\"], \"methods\": [\"GET\"]}");
	}

	private static WebTestClient.ResponseSpec publish(WebTestClient caller, String group, String template,
			String version) {
		return post(caller, "/api/services/publish",
				"{\"gateway_group_id\": \"" + group + "\", \"services\": [{" + "\"template_id\": \"" + template
						+ "\", \"version\": \"" + version + "\", \"upstream\": " + NODES + "}]}");
	}

	private static WebTestClient.ResponseSpec post(WebTestClient caller, String uri, String json) {
		return caller.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	/**
	 * A reader of RFC 4180 CSV: fields separated by commas, records by CRLF, quoted
	 * fields may hold commas, line breaks and doubled quotes.
	 */
	static final class Rfc4180 {

		private Rfc4180() {
		}

		static List<List<String>> parse(String text) {
			List<List<String>> records = new ArrayList<>();
			List<String> record = new ArrayList<>();
			StringBuilder field = new StringBuilder();
			boolean quoted = false;
			int i = 0;
			while (i < text.length()) {
				char c = text.charAt(i);
				if (quoted) {
					if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
						field.append('"');
						i += 2;
						continue;
					}
					if (c == '"') {
						quoted = false;
					}
					else {
						field.append(c);
					}
					i++;
					continue;
				}
				if (c == '"') {
					assertThat(field).as("a quote opens a field, at " + i).isEmpty();
					quoted = true;
				}
				else if (c == ',') {
					record.add(field.toString());
					field.setLength(0);
				}
				else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					record.add(field.toString());
					field.setLength(0);
					records.add(record);
					record = new ArrayList<>();
					i++;
				}
				else {
					field.append(c);
				}
				i++;
			}
			assertThat(quoted).as("every quoted field is closed").isFalse();
			if (field.length() > 0 || !record.isEmpty()) {
				record.add(field.toString());
				records.add(record);
			}
			for (List<String> parsed : records) {
				assertThat(parsed).as("every record has every column").hasSize(records.get(0).size());
			}
			return records;
		}

	}

}

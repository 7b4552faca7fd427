package io.portico.admin.publish;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.portico.admin.AdminFixtures;
import io.portico.admin.AdminTestDatabase;
import io.portico.testsupport.PostgresTestSchema;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fixtures and assertions for the version lifecycle tests: templates and routes written
 * with SQL, publishes over HTTP, and refusals that must leave the database unchanged.
 */
final class LifecycleClient {

	static final String NODE_A = "{\"nodes\": [{\"host\": \"10.0.0.1\", \"port\": 8080}]}";

	static final String NODE_B = "{\"nodes\": [{\"host\": \"10.0.0.2\", \"port\": 9090}]}";

	private final WebTestClient client;

	private final PostgresTestSchema schema;

	LifecycleClient(WebTestClient client, PostgresTestSchema schema) {
		this.client = client;
		this.schema = schema;
	}

	WebTestClient http() {
		return this.client;
	}

	void group(String id) {
		this.schema.execute(AdminFixtures.group(id) + " on conflict do nothing");
	}

	/**
	 * Creates a template whose routes are {@code id:path} pairs, all for GET.
	 */
	void template(String id, String... routes) {
		this.schema.execute(AdminFixtures.template(id));
		for (int i = 0; i < routes.length; i++) {
			String[] parts = routes[i].split(":", 2);
			route(id, parts[0], parts[1], "[\"GET\"]", i);
		}
	}

	/**
	 * Creates the template {@code id} with the one route {@code id-a} on {@code /id/a}
	 * and publishes it in the group as version 1.0.0 on {@link #NODE_A}.
	 */
	void publishedWithOneRoute(String group, String id) {
		template(id, id + "-a:/" + id + "/a");
		published(group, id, "1.0.0", NODE_A);
	}

	void route(String templateId, String routeId, String path, String methods, int position) {
		this.schema.execute("insert into template_route (id, template_id, name, paths, methods, position, created_at,"
				+ " updated_at) values ('" + routeId + "', '" + templateId + "', '" + routeId + "', '[\"" + path
				+ "\"]', '" + methods + "', " + position + ", current_timestamp, current_timestamp)");
	}

	void sql(String... statements) {
		this.schema.execute(statements);
	}

	WebTestClient.ResponseSpec publish(String group, String template, String version, String extra) {
		return post("/api/services/publish",
				"{\"gateway_group_id\": \"" + group + "\", \"services\": [{\"template_id\": \"" + template
						+ "\", \"version\": \"" + version + "\"" + ((extra != null) ? ", " + extra : "") + "}]}");
	}

	void published(String group, String template, String version, String upstream) {
		publish(group, template, version, (upstream != null) ? "\"upstream\": " + upstream : null).expectStatus()
			.isOk();
	}

	WebTestClient.ResponseSpec post(String uri, String json) {
		return this.client.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	WebTestClient.ResponseSpec put(String uri, String json) {
		return this.client.put().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	WebTestClient.ResponseSpec get(String uri) {
		return this.client.get().uri(uri).exchange();
	}

	WebTestClient.ResponseSpec delete(String uri) {
		return this.client.delete().uri(uri).exchange();
	}

	long revision(String group) {
		return AdminTestDatabase.queryLong(this.schema,
				"select config_revision from gateway_group where id = '" + group + "'");
	}

	long count(String sql) {
		return AdminTestDatabase.queryLong(this.schema, sql);
	}

	String text(String sql) {
		return AdminTestDatabase.queryString(this.schema, sql);
	}

	/**
	 * Sends a request that must be refused: the status, a problem naming the field, and a
	 * database exactly as before.
	 * @return the problem body, for further assertions
	 */
	WebTestClient.BodyContentSpec refused(Supplier<WebTestClient.ResponseSpec> request, int status, String field) {
		Map<String, Object> before = AdminTestDatabase.snapshot(this.schema);
		WebTestClient.BodyContentSpec body = request.get()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("about:blank")
			.jsonPath("$.status")
			.isEqualTo(status)
			.jsonPath("$.errors[*].field")
			.value((fields) -> assertThat(((List<?>) fields).stream().map(String::valueOf).toList()).contains(field));
		assertThat(AdminTestDatabase.snapshot(this.schema)).isEqualTo(before);
		return body;
	}

}

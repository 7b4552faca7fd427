package io.portico.admin.imports;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.portico.admin.AdminApi;
import io.portico.admin.AdminHttpTest;
import io.portico.admin.AdminTestDatabase;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/services/template/import} over HTTP against PostgreSQL: create,
 * re-import, synchronization, errors that change nothing.
 */
@AdminHttpTest
// No other class shares this context (its own schema): closing it frees its connections
// for the contexts still cached in this JVM.
@DirtiesContext
class OpenApiImportControllerTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("adminimport");

	static final MediaType YAML = MediaType.parseMediaType("application/yaml");

	@Autowired
	WebTestClient client;

	@Autowired
	AdminApi api;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		// A smaller pool than AdminTestDatabase's: every cached test context holds its
		// connections open.
		registry.add("spring.r2dbc.pool.initial-size", () -> 1);
		registry.add("spring.r2dbc.pool.max-size", () -> 4);
	}

	@Test
	void import_petstore30Yaml_creates201WithRoutesAndSuggestedNodes() {
		importDocument("?id=petstore3", YAML, OpenApiImporterTests.resource("petstore-3.0.yaml")).expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.created")
			.isEqualTo(true)
			.jsonPath("$.template.id")
			.isEqualTo("petstore3")
			.jsonPath("$.template.name")
			.isEqualTo("Swagger Petstore - OpenAPI 3.0")
			.jsonPath("$.template.labels.pet")
			.isEqualTo("")
			.jsonPath("$.routes.added.length()")
			.isEqualTo(19)
			.jsonPath("$.routes.added[0]")
			.isEqualTo("updatePet")
			.jsonPath("$.routes.updated")
			.isEmpty()
			.jsonPath("$.routes.removed")
			.isEmpty()
			.jsonPath("$.routes.unchanged")
			.isEqualTo(0)
			.jsonPath("$.suggested_nodes[0].host")
			.isEqualTo("petstore3.swagger.io")
			.jsonPath("$.suggested_nodes[0].port")
			.isEqualTo(443)
			.jsonPath("$.warnings[0].field")
			.isEqualTo("servers");
		assertThat(AdminTestDatabase.queryLong(schema,
				"select count(*) from template_route where template_id = 'petstore3'"))
			.isEqualTo(19);
		assertThat(AdminTestDatabase.queryString(schema,
				"select paths || methods from template_route where template_id = 'petstore3' and name = 'getPetById'"))
			.isEqualTo("[\"/pet/{petId}\"][\"GET\"]");
		this.api.get("/api/services/template/petstore3/routes?page_size=100")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(19)
			.jsonPath("$.list[0].name")
			.isEqualTo("updatePet");
	}

	@Test
	void import_sameDocumentTwice_secondChangesNothing() {
		String document = OpenApiImporterTests.resource("petstore-2.0.json");
		importDocument("?id=petstore2", MediaType.APPLICATION_JSON, document).expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.routes.added.length()")
			.isEqualTo(20)
			.jsonPath("$.suggested_nodes.length()")
			.isEqualTo(2);
		List<String> before = rows("petstore2");

		importDocument("", MediaType.APPLICATION_JSON, document).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.created")
			.isEqualTo(false)
			.jsonPath("$.template.id")
			.isEqualTo("petstore2")
			.jsonPath("$.routes.added")
			.isEmpty()
			.jsonPath("$.routes.updated")
			.isEmpty()
			.jsonPath("$.routes.removed")
			.isEmpty()
			.jsonPath("$.routes.unchanged")
			.isEqualTo(20);

		assertThat(rows("petstore2")).isEqualTo(before).hasSize(21);
	}

	@Test
	void import_changedDocument_addsUpdatesAndRemovesByName() {
		importDocument("?id=sync", YAML, tiny("sync", "a", "/a", "b", "/b", "c", "/c")).expectStatus().isCreated();
		String idOfA = AdminTestDatabase.queryString(schema,
				"select id from template_route where template_id = 'sync' and name = 'a'");
		String idOfB = AdminTestDatabase.queryString(schema,
				"select id from template_route where template_id = 'sync' and name = 'b'");

		importDocument("", YAML, tiny("sync", "a", "/a", "b", "/b2", "d", "/d")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.routes.added")
			.isEqualTo(List.of("d"))
			.jsonPath("$.routes.updated")
			.isEqualTo(List.of("b"))
			.jsonPath("$.routes.removed")
			.isEqualTo(List.of("c"))
			.jsonPath("$.routes.unchanged")
			.isEqualTo(1);

		assertThat(AdminTestDatabase.queryString(schema,
				"select string_agg(name || '=' || paths || '@' || row_version, ' ' order by position)"
						+ " from template_route where template_id = 'sync'"))
			.isEqualTo("a=[\"/a\"]@0 b=[\"/b2\"]@1 d=[\"/d\"]@0");
		assertThat(AdminTestDatabase.queryString(schema,
				"select id from template_route where template_id = 'sync' and name = 'a'"))
			.isEqualTo(idOfA);
		assertThat(AdminTestDatabase.queryString(schema,
				"select id from template_route where template_id = 'sync' and name = 'b'"))
			.isEqualTo(idOfB);
	}

	@Test
	void import_malformedDocument_returns400WithLocationAndChangesNothing() {
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);

		importDocument("?id=broken", YAML, OpenApiImporterTests.resource("malformed.yaml")).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.errors[0].field")
			.value((field) -> assertThat((String) field).matches("line \\d+, column \\d+"))
			.jsonPath("$.errors[0].message")
			.value((message) -> assertThat((String) message).startsWith("malformed YAML"));

		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void import_operationWithoutResponses_returns400NamingTheOperation() {
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);

		importDocument("", YAML, OpenApiImporterTests.resource("invalid-structure.yaml")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("paths./pets.get.responses")
			.jsonPath("$.errors[0].message")
			.isEqualTo("attribute paths.'/pets'(get).responses is missing");

		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void import_intoExistingTemplate_keepsTheRouteOfAnOperationNoRouteCanExpress() {
		importDocument("?id=atomic", YAML, tiny("atomic", "a", "/a", "b", "/b", "c", "/c")).expectStatus().isCreated();

		importDocument("?template_id=atomic", YAML, tiny("atomic", "a", "/a2", "b", "/b/{x}{y}", "d", "/d"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.routes.added")
			.isEqualTo(List.of("d"))
			.jsonPath("$.routes.updated")
			.isEqualTo(List.of("a"))
			.jsonPath("$.routes.removed")
			.isEqualTo(List.of("c"))
			.jsonPath("$.warnings[?(@.field == 'paths./b/{x}{y}.get')].message")
			.value((messages) -> assertThat(messages.toString()).contains("not imported: route paths[0]"));

		// Route b stays as it was: its operation is in the document, only not
		// expressible.
		assertThat(rows("atomic")).anyMatch((row) -> row.contains("|b|") && row.contains("\"/b\""));
	}

	@Test
	void import_nameOverrideAsPlainText_createsTemplateWithThatName() {
		importDocument("?name=my-pets&id=mypets", MediaType.TEXT_PLAIN,
				OpenApiImporterTests.resource("petstore-3.0.yaml"))
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.template.name")
			.isEqualTo("my-pets")
			.jsonPath("$.template.description")
			.value((description) -> assertThat((String) description).startsWith("This is a sample Pet Store"));
	}

	@Test
	void import_intoTemplateId_synchronizesItsRoutesAndKeepsItsName() {
		this.api.post("/api/services/template", Map.of("id", "manual", "name", "manual")).expectStatus().isCreated();
		this.api.post("/api/services/template/manual/routes", Map.of("name", "legacy", "paths", List.of("/legacy/*")))
			.expectStatus()
			.isCreated();

		importDocument("?template_id=manual", MediaType.parseMediaType("application/x-yaml"),
				tiny("ignored title", "a", "/a"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.created")
			.isEqualTo(false)
			.jsonPath("$.template.name")
			.isEqualTo("manual")
			.jsonPath("$.routes.added")
			.isEqualTo(List.of("a"))
			.jsonPath("$.routes.removed")
			.isEqualTo(List.of("legacy"));
		assertThat(AdminTestDatabase.queryLong(schema,
				"select count(*) from service_template where name = 'ignored title'"))
			.isZero();
	}

	@Test
	void import_unknownTemplateId_returns404() {
		importDocument("?template_id=nope", YAML, tiny("x", "a", "/a")).expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("template_id");
	}

	@Test
	void import_nameOfAnotherTemplateWithNewId_returns409() {
		importDocument("?id=first", YAML, tiny("taken", "a", "/a")).expectStatus().isCreated();
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);

		importDocument("?id=second", YAML, tiny("taken", "b", "/b")).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("name");

		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void import_badQueryParameters_return400NamingThem() {
		importDocument("?template_id=x&id=y", YAML, tiny("x", "a", "/a")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("id");
		importDocument("?id=Not_Valid", YAML, tiny("x", "a", "/a")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("id");
		importDocument("?name=" + "n".repeat(101), YAML, tiny("x", "a", "/a")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("name");
	}

	@Test
	void import_xmlBody_returns415() {
		importDocument("", MediaType.APPLICATION_XML, "<openapi/>").expectStatus().isEqualTo(415);
	}

	@Test
	void import_emptyBody_returns400() {
		this.client.post()
			.uri("/api/services/template/import")
			.contentType(YAML)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("$");
	}

	@Test
	void apiDocs_describeTheImportEndpoint() {
		this.api.get("/v3/api-docs")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/services/template/import'].post.summary")
			.isEqualTo("Import an OpenAPI document")
			.jsonPath("$.paths['/api/services/template/import'].post.requestBody.content['application/yaml'].examples"
					+ ".petstore.value")
			.value((example) -> assertThat((String) example).contains("operationId: getPetById"))
			.jsonPath(
					"$.paths['/api/services/template/import'].post.parameters[?(@.name == 'template_id')].description")
			.isNotEmpty()
			.jsonPath("$.components.schemas.ImportResponse.properties.suggested_nodes")
			.exists()
			.jsonPath("$.components.schemas.RouteChangesResponse.properties.unchanged.example")
			.isEqualTo(17);
	}

	private WebTestClient.ResponseSpec importDocument(String query, MediaType type, String body) {
		return this.client.post()
			.uri("/api/services/template/import" + query)
			.contentType(type)
			.bodyValue(body)
			.exchange();
	}

	/**
	 * A small document: one GET route per name and path pair.
	 */
	private static String tiny(String title, String... namesAndPaths) {
		StringBuilder yaml = new StringBuilder(
				"openapi: 3.0.3\ninfo:\n  title: '" + title + "'\n  version: '1'\npaths:\n");
		for (int i = 0; i < namesAndPaths.length; i += 2) {
			yaml.append("  '")
				.append(namesAndPaths[i + 1])
				.append("':\n    get:\n      operationId: ")
				.append(namesAndPaths[i])
				.append("\n      responses: {'200': {description: ok}}\n");
		}
		return yaml.toString();
	}

	/**
	 * Every stored fact of a template and its routes, to prove nothing was written.
	 */
	private static List<String> rows(String templateId) {
		List<String> rows = new ArrayList<>();
		try (Connection connection = schema.connect(); Statement statement = connection.createStatement()) {
			try (ResultSet rs = statement.executeQuery("select name, description, labels, updated_at, row_version"
					+ " from service_template where id = '" + templateId + "'")) {
				while (rs.next()) {
					rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4)
							+ "|" + rs.getLong(5));
				}
			}
			try (ResultSet rs = statement.executeQuery("select id, name, paths, methods, description, labels, position,"
					+ " updated_at, row_version from template_route where template_id = '" + templateId
					+ "' order by id")) {
				while (rs.next()) {
					StringBuilder row = new StringBuilder();
					for (int column = 1; column <= 9; column++) {
						row.append(rs.getString(column)).append('|');
					}
					rows.add(row.toString());
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return rows;
	}

}

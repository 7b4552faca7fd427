package io.portico.admin.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.portico.compiler.DefaultRouteCompiler;
import io.portico.compiler.RouteCompiler;
import io.portico.compiler.model.RouteSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link OpenApiImporter} on its own: both document formats, names, paths, servers and
 * invalid documents.
 */
class OpenApiImporterTests {

	private final RouteCompiler compiler = new DefaultRouteCompiler();

	private final OpenApiImporter importer = new OpenApiImporter(this.compiler);

	static String resource(String name) {
		try (InputStream in = OpenApiImporterTests.class.getResourceAsStream("/openapi/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void read_petstore30Yaml_oneRoutePerOperationNamedByOperationId() {
		ImportedTemplate template = this.importer.read(resource("petstore-3.0.yaml"));

		assertThat(template.name()).isEqualTo("Swagger Petstore - OpenAPI 3.0");
		assertThat(template.description()).startsWith("This is a sample Pet Store Server");
		assertThat(template.labels()).isEqualTo(Map.of("pet", "", "store", "", "user", ""));
		assertThat(template.routes()).hasSize(19);
		assertThat(template.routes()).extracting(RouteSpec::name, RouteSpec::paths, RouteSpec::methods)
			.contains(tuple("updatePet", List.of("/pet"), List.of("PUT")),
					tuple("addPet", List.of("/pet"), List.of("POST")),
					tuple("findPetsByStatus", List.of("/pet/findByStatus"), List.of("GET")),
					tuple("getPetById", List.of("/pet/{petId}"), List.of("GET")),
					tuple("deletePet", List.of("/pet/{petId}"), List.of("DELETE")),
					tuple("uploadFile", List.of("/pet/{petId}/uploadImage"), List.of("POST")),
					tuple("getInventory", List.of("/store/inventory"), List.of("GET")),
					tuple("deleteOrder", List.of("/store/order/{orderId}"), List.of("DELETE")),
					tuple("loginUser", List.of("/user/login"), List.of("GET")),
					tuple("updateUser", List.of("/user/{username}"), List.of("PUT")));
		RouteSpec getPet = template.routes().stream().filter((r) -> r.name().equals("getPetById")).findFirst().get();
		assertThat(getPet.description()).isEqualTo("Find pet by ID");
		assertThat(getPet.labels()).isEqualTo(Map.of("pet", ""));
		assertThat(getPet.id()).isNull();
		assertThat(template.routes()).allSatisfy((route) -> assertThat(this.compiler.validateRoute(route)).isEmpty());
		assertThat(template.suggestedNodes()).containsExactly(new SuggestedNode("https", "petstore3.swagger.io", 443));
		assertThat(template.warnings()).extracting(ImportProblem::message)
			.anySatisfy((message) -> assertThat(message).contains("'/api/v3'").contains("path_prefix"));
	}

	@Test
	void read_petstore20Json_convertedWithNodesFromHostAndSchemes() {
		ImportedTemplate template = this.importer.read(resource("petstore-2.0.json"));

		assertThat(template.name()).isEqualTo("Swagger Petstore");
		assertThat(template.routes()).hasSize(20);
		assertThat(template.routes()).extracting(RouteSpec::name)
			.contains("uploadFile", "addPet", "updatePet", "findPetsByStatus", "findPetsByTags", "getPetById",
					"updatePetWithForm", "deletePet", "placeOrder", "getOrderById", "deleteOrder", "getInventory",
					"createUsersWithArrayInput", "createUsersWithListInput", "getUserByName", "updateUser",
					"deleteUser", "loginUser", "logoutUser", "createUser")
			.doesNotHaveDuplicates();
		assertThat(template.routes()).extracting(RouteSpec::name, RouteSpec::paths, RouteSpec::methods)
			.contains(tuple("updatePetWithForm", List.of("/pet/{petId}"), List.of("POST")));
		assertThat(template.labels()).containsOnlyKeys("pet", "store", "user");
		assertThat(template.suggestedNodes()).containsExactly(new SuggestedNode("https", "petstore.swagger.io", 443),
				new SuggestedNode("http", "petstore.swagger.io", 80));
	}

	@Test
	void read_sameDocumentAsJsonAndYaml_sameTemplate() {
		String yaml = """
				openapi: 3.1.0
				info: {title: tiny, version: '1'}
				paths:
				  /things/{id}:
				    get:
				      operationId: getThing
				      responses: {'200': {description: ok}}
				""";
		String json = """
				{"openapi": "3.1.0", "info": {"title": "tiny", "version": "1"}, "paths": {"/things/{id}": {"get":
				{"operationId": "getThing", "responses": {"200": {"description": "ok"}}}}}}
				""";

		assertThat(this.importer.read(json)).isEqualTo(this.importer.read(yaml));
		assertThat(this.importer.read(yaml).routes()).extracting(RouteSpec::paths)
			.containsExactly(List.of("/things/{id}"));
	}

	@Test
	void read_operationsWithoutOperationId_namedByMethodAndPathAndDeduplicated() {
		String yaml = """
				openapi: 3.0.3
				info: {title: names, version: '1'}
				paths:
				  /pets/{petId}:
				    get:
				      responses: {'200': {description: ok}}
				    put:
				      operationId: get-pets-petId
				      responses: {'200': {description: ok}}
				  /:
				    get:
				      responses: {'200': {description: ok}}
				  /a:
				    get:
				      operationId: %s
				      responses: {'200': {description: ok}}
				    post:
				      operationId: %s
				      responses: {'200': {description: ok}}
				""".formatted("x".repeat(150), "x".repeat(150));

		ImportedTemplate template = this.importer.read(yaml);

		assertThat(template.routes()).extracting(RouteSpec::name)
			.containsExactly("get-pets-petId", "get-pets-petId-2", "get-root", "x".repeat(100), "x".repeat(98) + "-2");
		assertThat(template.warnings()).extracting(ImportProblem::field)
			.contains("paths./pets/{petId}.put", "paths./a.get.operationId", "paths./a.post");
	}

	@Test
	void read_parameterNamesTheCompilerRefuses_renamedWithWarning() {
		String yaml = """
				openapi: 3.0.3
				info: {title: params, version: '1'}
				paths:
				  /pets/{pet-id}/toys/{1st}:
				    get:
				      operationId: toy
				      responses: {'200': {description: ok}}
				""";

		ImportedTemplate template = this.importer.read(yaml);

		assertThat(template.routes().get(0).paths()).containsExactly("/pets/{pet_id}/toys/{_1st}");
		assertThat(template.warnings()).extracting(ImportProblem::field).contains("paths./pets/{pet-id}/toys/{1st}");
	}

	@Test
	void read_servers_absoluteOnesBecomeNodesOthersWarn() {
		String yaml = """
				openapi: 3.0.3
				info: {title: servers, version: '1'}
				servers:
				  - url: http://api.example.com:8080
				  - url: https://API.example.com/v1
				  - url: https://{region}.example.com
				    variables: {region: {default: eu}}
				  - url: /relative
				  - url: http://api.example.com:8080/
				paths: {}
				""";

		ImportedTemplate template = this.importer.read(yaml);

		assertThat(template.suggestedNodes()).containsExactly(new SuggestedNode("http", "api.example.com", 8080),
				new SuggestedNode("https", "api.example.com", 443));
		assertThat(template.routes()).isEmpty();
		assertThat(template.warnings()).extracting(ImportProblem::field)
			.contains("servers[2]", "servers[3]", "servers", "paths");
	}

	@Test
	void read_documentWithoutServers_noNodesAndNoServerWarning() {
		ImportedTemplate template = this.importer.read("""
				openapi: 3.0.3
				info: {title: bare, version: '1'}
				paths:
				  /a:
				    get:
				      responses: {'200': {description: ok}}
				""");

		assertThat(template.suggestedNodes()).isEmpty();
		assertThat(template.warnings()).isEmpty();
	}

	@Test
	void read_malformedYaml_failsWithLineAndColumn() {
		assertThatExceptionOfType(OpenApiImportException.class)
			.isThrownBy(() -> this.importer.read(resource("malformed.yaml")))
			.satisfies((ex) -> {
				assertThat(ex.getProblems()).hasSize(1);
				assertThat(ex.getProblems().get(0).field()).matches("line \\d+, column \\d+");
				assertThat(ex.getProblems().get(0).message()).startsWith("malformed YAML: ");
			});
	}

	@Test
	void read_malformedJson_failsWithLineAndColumn() {
		assertThatExceptionOfType(OpenApiImportException.class)
			.isThrownBy(() -> this.importer.read("{\"openapi\": \"3.0.3\",\n  \"info\": {,}}"))
			.satisfies((ex) -> {
				assertThat(ex.getProblems().get(0).field()).isEqualTo("line 2, column 12");
				assertThat(ex.getProblems().get(0).message()).startsWith("malformed JSON: ");
			});
	}

	@Test
	void read_duplicateKeys_failWithLocation() {
		assertThatExceptionOfType(OpenApiImportException.class).isThrownBy(() -> this.importer.read("""
				openapi: 3.0.3
				info: {title: dup, version: '1'}
				paths:
				  /a:
				    get:
				      responses: {'200': {description: ok}}
				  /a:
				    post:
				      responses: {'200': {description: ok}}
				""")).satisfies((ex) -> assertThat(ex.getProblems().get(0).message()).contains("Duplicate field '/a'"));
	}

	@Test
	void read_operationWithoutResponses_failsNamingTheOperation() {
		assertThatExceptionOfType(OpenApiImportException.class)
			.isThrownBy(() -> this.importer.read(resource("invalid-structure.yaml")))
			.satisfies((ex) -> assertThat(ex.getProblems()).extracting(ImportProblem::field, ImportProblem::message)
				.containsExactly(
						tuple("paths./pets.get.responses", "attribute paths.'/pets'(get).responses is missing")));
	}

	@Test
	void read_missingTitle_failsNamingIt() {
		assertThatExceptionOfType(OpenApiImportException.class).isThrownBy(() -> this.importer.read("""
				openapi: 3.0.3
				info: {version: '1'}
				paths: {}
				"""))
			.satisfies((ex) -> assertThat(ex.getProblems()).extracting(ImportProblem::field).contains("info.title"));
	}

	@Test
	void read_operationTheRoutesCannotExpress_isLeftOutWithAWarning_andTheRestImports() {
		ImportedTemplate template = this.importer.read("""
				openapi: 3.0.3
				info: {title: partial path, version: '1'}
				paths:
				  /files/{name}{ext}:
				    get:
				      operationId: getFile
				      responses: {'200': {description: ok}}
				  /files:
				    get:
				      operationId: listFiles
				      responses: {'200': {description: ok}}
				""");
		assertThat(template.routes()).extracting(RouteSpec::name).containsExactly("listFiles");
		assertThat(template.warnings()).filteredOn((warning) -> warning.field().startsWith("paths"))
			.singleElement()
			.satisfies((warning) -> {
				assertThat(warning.field()).isEqualTo("paths./files/{name}{ext}.get");
				assertThat(warning.message()).startsWith("not imported: route paths[0] ");
			});
		assertThat(template.skipped()).containsExactly("getFile");
	}

	@Test
	void read_parametersWithinASegment_becomeRoutesWithThoseSegments() {
		ImportedTemplate template = this.importer.read("""
				openapi: 3.0.3
				info: {title: twilio-like, version: '1'}
				paths:
				  /Accounts/{AccountSid}/Calls/{Sid}.json:
				    get:
				      operationId: fetchCall
				      responses: {'200': {description: ok}}
				  /files/{file-name}.{ext}:
				    get:
				      operationId: getFile
				      responses: {'200': {description: ok}}
				""");
		assertThat(template.routes()).extracting((route) -> route.paths().get(0))
			.containsExactly("/Accounts/{AccountSid}/Calls/{Sid}.json", "/files/{file_name}.{ext}");
		assertThat(template.skipped()).isEmpty();
	}

	@Test
	void read_openApi31OperationWithoutResponses_imports() {
		ImportedTemplate template = this.importer.read("""
				openapi: 3.1.0
				info: {title: no responses, version: '1'}
				paths:
				  /webhooks/ping:
				    post:
				      operationId: ping
				""");
		assertThat(template.routes()).extracting(RouteSpec::name).containsExactly("ping");
		assertThat(template.warnings()).isEmpty();
	}

	@Test
	void read_manyWarnings_areCappedAtOneHundred_theLastSayingHowManyMore() {
		StringBuilder document = new StringBuilder("openapi: 3.0.3\ninfo: {title: many, version: '1'}\npaths:\n");
		for (int i = 0; i < 150; i++) {
			document.append("  /empty").append(i).append(": {}\n");
		}
		ImportedTemplate template = this.importer.read(document.toString());
		assertThat(template.warnings()).hasSize(100);
		assertThat(template.warnings().get(99).message()).isEqualTo("and 51 more problem(s)");
	}

	@Test
	void read_unknownOrUnsupportedDocument_failsNamingTheVersionField() {
		assertThatExceptionOfType(OpenApiImportException.class)
			.isThrownBy(() -> this.importer.read("openapi: 4.0.0\ninfo: {title: x, version: '1'}\npaths: {}\n"))
			.satisfies((ex) -> assertThat(ex.getProblems().get(0).field()).isEqualTo("openapi"));
		assertThatExceptionOfType(OpenApiImportException.class)
			.isThrownBy(() -> this.importer.read("{\"swagger\": \"1.2\"}"))
			.satisfies((ex) -> assertThat(ex.getProblems().get(0).field()).isEqualTo("swagger"));
		assertThatExceptionOfType(OpenApiImportException.class)
			.isThrownBy(() -> this.importer.read("title: not an api\n"))
			.satisfies((ex) -> assertThat(ex.getProblems().get(0).field()).isEqualTo("$"));
		assertThatExceptionOfType(OpenApiImportException.class).isThrownBy(() -> this.importer.read("  "))
			.satisfies((ex) -> assertThat(ex.getProblems().get(0).field()).isEqualTo("$"));
	}

	@Test
	void read_problemsInSchemasOnly_importWithWarnings() {
		ImportedTemplate template = this.importer.read("""
				openapi: 3.0.3
				info: {title: schemas, version: '1'}
				paths:
				  /a:
				    get:
				      responses: {'200': {description: ok}}
				components:
				  schemas:
				    Broken:
				      type: object
				      properties: 12
				""");

		assertThat(template.routes()).hasSize(1);
		assertThat(template.warnings()).extracting(ImportProblem::field)
			.anySatisfy((field) -> assertThat(field).startsWith("components.schemas.Broken"));
	}

	@Test
	void location_parserNotation_becomesDottedPath() {
		assertThat(OpenApiImporter.location("paths.'/pets/{id}'(get).responses.'200'"))
			.isEqualTo("paths./pets/{id}.get.responses.200");
	}

}

package io.portico.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.portico.admin.AdminApi.okBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's API contract: the live {@code /v3/api-docs} has the same paths, methods,
 * parameters and request and response schemas as the checked-in baseline
 * ({@code openapi-baseline/api-docs.json}). Tags, summaries, descriptions and
 * {@code x-portico-permissions} are documentation and may change; everything else is what
 * clients are built against.
 *
 * <p>
 * To record a new baseline after a deliberate API change, run this test with
 * {@code -Dportico.openapi.write-baseline=true}; the diff of the baseline is then the API
 * change to review.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "portico.admin.bootstrap.token=" + AdminTestDatabase.ADMIN_TOKEN,
				"portico.secrets.key=" + AdminTestDatabase.SECRETS_KEY })
@AutoConfigureWebTestClient
class OpenApiContractTests {

	private static final String BASELINE = "openapi-baseline/api-docs.json";

	private static final Set<String> DOCUMENTATION = Set.of("tags", "summary", "description", "example",
			"x-portico-permissions");

	/**
	 * Top-level keys that depend on the run (the generated server URL has the random
	 * port).
	 */
	private static final Set<String> RUN = Set.of("servers");

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@Autowired
	WebTestClient client;

	@Test
	void apiDocs_matchTheBaseline_apartFromDocumentation() throws IOException {
		JsonNode live = JSON.readTree(okBody(this.client.get().uri("/v3/api-docs").exchange()));
		if (Boolean.getBoolean("portico.openapi.write-baseline")) {
			Path file = Path.of("src/test/resources", BASELINE);
			Files.createDirectories(file.getParent());
			Files.writeString(file, JSON.writeValueAsString(sorted(withoutRun(live))) + "\n");
		}
		JsonNode baseline;
		try (InputStream in = getClass().getClassLoader().getResourceAsStream(BASELINE)) {
			assertThat(in).as("baseline %s", BASELINE).isNotNull();
			baseline = JSON.readTree(in);
		}
		live = withoutRun(live);
		assertThat(JSON.writeValueAsString(contract(live, false)))
			.isEqualTo(JSON.writeValueAsString(contract(baseline, false)));
	}

	@Test
	void contract_keepsSchemaPropertiesNamedLikeDocumentation() {
		ObjectNode schema = JsonNodeFactory.instance.objectNode();
		schema.put("description", "a text");
		schema.putObject("properties").putObject("description").put("type", "string");
		JsonNode contract = contract(schema, false);
		assertThat(contract.has("description")).isFalse();
		assertThat(contract.path("properties").path("description").path("type").asString()).isEqualTo("string");
	}

	/**
	 * The document without its documentation, keys sorted. Inside a {@code properties}
	 * map the keys are field names, not documentation, and are kept.
	 */
	private static JsonNode contract(JsonNode node, boolean fieldNames) {
		if (node.isObject()) {
			ObjectNode result = JsonNodeFactory.instance.objectNode();
			Map<String, JsonNode> fields = new TreeMap<>();
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				if (fieldNames || !DOCUMENTATION.contains(field.getKey())) {
					fields.put(field.getKey(), field.getValue());
				}
			}
			fields.forEach((key, value) -> result.set(key, contract(value, !fieldNames && "properties".equals(key))));
			return result;
		}
		if (node.isArray()) {
			ArrayNode result = JsonNodeFactory.instance.arrayNode();
			node.forEach((item) -> result.add(contract(item, false)));
			return result;
		}
		return node;
	}

	private static JsonNode withoutRun(JsonNode document) {
		ObjectNode result = ((ObjectNode) document).deepCopy();
		RUN.forEach(result::remove);
		return result;
	}

	private static JsonNode sorted(JsonNode node) {
		if (node.isObject()) {
			ObjectNode result = JsonNodeFactory.instance.objectNode();
			Map<String, JsonNode> fields = new TreeMap<>();
			node.properties().forEach((field) -> fields.put(field.getKey(), field.getValue()));
			fields.forEach((key, value) -> result.set(key, sorted(value)));
			return result;
		}
		if (node.isArray()) {
			ArrayNode result = JsonNodeFactory.instance.arrayNode();
			node.forEach((item) -> result.add(sorted(item)));
			return result;
		}
		return node;
	}

}

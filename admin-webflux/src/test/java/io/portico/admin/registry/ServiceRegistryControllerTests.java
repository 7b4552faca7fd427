package io.portico.admin.registry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.portico.admin.AdminApi;
import io.portico.admin.AdminHttpTest;
import io.portico.admin.AdminTestDatabase;
import io.portico.secrets.SecretCipher;
import io.portico.secrets.SecretKeys;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.portico.admin.AdminApi.problem;
import static io.portico.admin.AdminApi.refusedForCanary;
import static io.portico.admin.AdminApi.problemText;
import static io.portico.admin.AdminFixtures.route;
import static io.portico.admin.AdminFixtures.template;
import static io.portico.admin.AdminFixtures.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Registry connections over HTTP against PostgreSQL: create, read, replace and delete for
 * each type, secrets that never come back, refusals that name the field and change
 * nothing, revision bumps, and browsing a registry's services.
 */
@AdminHttpTest(properties = "portico.admin.registries.check-timeout=500ms")
@Import(FakeRegistryConfiguration.class)
class ServiceRegistryControllerTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("adminreg");

	private static final String K8S_TOKEN = "k8s-token-7f2a9c41";

	private static final String CONSUL_TOKEN = "consul-acl-9b1e4d77";

	private static final String NACOS_PASSWORD = "nacos-pw-c0ffee42";

	@Autowired
	WebTestClient client;

	@Autowired
	AdminApi api;

	RegistryTestClient registries;

	@BeforeAll
	static void groups() {
		schema.execute(group("other"));
	}

	@Autowired
	void registries(WebTestClient client) {
		this.registries = new RegistryTestClient(client);
	}

	@Test
	void create_kubernetes_answersConnectingWithoutTheToken() {
		long revision = revision("default");
		byte[] body = this.api.post("/api/gateway_groups/default/service_registries",
				"{\"id\": \"k8s-create\", \"name\": \"k8s-create\", \"type\": \"kubernetes\", \"description\":"
						+ " \"test cluster\", \"kubernetes\": {\"api_server\": \"https://healthy.k8s:6443\", \"token\": \""
						+ K8S_TOKEN + "\"}}")
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo("k8s-create")
			.jsonPath("$.gateway_group_id")
			.isEqualTo("default")
			.jsonPath("$.name")
			.isEqualTo("k8s-create")
			.jsonPath("$.type")
			.isEqualTo("kubernetes")
			.jsonPath("$.description")
			.isEqualTo("test cluster")
			.jsonPath("$.kubernetes.api_server")
			.isEqualTo("https://healthy.k8s:6443")
			.jsonPath("$.kubernetes.token_set")
			.isEqualTo(true)
			.jsonPath("$.kubernetes.token")
			.doesNotExist()
			.jsonPath("$.consul")
			.doesNotExist()
			.jsonPath("$.status")
			.isEqualTo("connecting")
			.jsonPath("$.secrets_readable")
			.isEqualTo(true)
			.jsonPath("$.created_at")
			.isNotEmpty()
			.returnResult()
			.getResponseBodyContent();
		assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain(K8S_TOKEN);
		assertThat(revision("default")).isEqualTo(revision + 1);

		String read = this.api.get("/api/gateway_groups/default/service_registries/k8s-create")
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(read).contains("\"token_set\":true").doesNotContain(K8S_TOKEN);
		String list = this.api.get("/api/gateway_groups/default/service_registries?page_size=500")
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(list).contains("\"k8s-create\"").doesNotContain(K8S_TOKEN);
		assertThat(AdminTestDatabase.queryLong(schema,
				"select count(*) from service_registry where id = 'k8s-create' and secrets like 'enc:v1:%'"
						+ " and secrets not like '%" + K8S_TOKEN + "%' and settings not like '%" + K8S_TOKEN + "%'"))
			.as("the token is stored encrypted, in the secrets column only")
			.isEqualTo(1);
		assertThat(decryptedSecrets("k8s-create")).contains(K8S_TOKEN);
	}

	@Test
	void put_withoutSecret_keepsTheStoredOne_andEmptyClearsIt() {
		this.registries.create("default", consul("consul-put", "http://healthy.consul:8500", CONSUL_TOKEN));
		long revision = revision("default");

		String kept = put("default", "consul-put",
				"{\"name\": \"consul-renamed\", \"type\": \"consul\", \"consul\": {\"address\":"
						+ " \"http://healthy.consul:8500\", \"datacenter\": \"dc2\"}}")
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(kept).contains("\"name\":\"consul-renamed\"")
			.contains("\"datacenter\":\"dc2\"")
			.contains("\"token_set\":true")
			.doesNotContain(CONSUL_TOKEN);
		assertThat(decryptedSecrets("consul-put")).contains(CONSUL_TOKEN);
		assertThat(revision("default")).isEqualTo(revision + 1);

		put("default", "consul-put",
				"{\"name\": \"consul-renamed\", \"type\": \"consul\", \"consul\": {\"address\":"
						+ " \"http://healthy.consul:8500\", \"token\": null}}")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.consul.token_set")
			.isEqualTo(true)
			.jsonPath("$.consul.datacenter")
			.isEqualTo("");
		put("default", "consul-put",
				"{\"name\": \"consul-renamed\", \"type\": \"consul\", \"consul\": {\"address\":"
						+ " \"http://healthy.consul:8500\", \"token\": \"\"}}")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.consul.token_set")
			.isEqualTo(false);
		assertThat(secrets("consul-put")).startsWith("enc:v1:");
		assertThat(decryptedSecrets("consul-put")).doesNotContain(CONSUL_TOKEN);
		assertThat(revision("default")).isEqualTo(revision + 3);
	}

	@Test
	void crud_nacosAndEureka_roundTripWithoutPassword() {
		String nacos = this.api
			.post("/api/gateway_groups/default/service_registries",
					"{\"id\": \"nacos-crud\", \"name\": \"nacos-crud\", \"type\": \"nacos\", \"nacos\": {\"address\":"
							+ " \"healthy.nacos:8848\", \"username\": \"nacos\", \"password\": \"" + NACOS_PASSWORD
							+ "\", \"namespace_id\": \"test\", \"group\": \"APPS\"}}")
			.expectStatus()
			.isCreated()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(nacos).contains("\"address\":\"healthy.nacos:8848\"")
			.contains("\"username\":\"nacos\"")
			.contains("\"namespace_id\":\"test\"")
			.contains("\"group\":\"APPS\"")
			.contains("\"password_set\":true")
			.doesNotContain(NACOS_PASSWORD)
			.doesNotContain("\"password\"");
		this.api
			.post("/api/gateway_groups/default/service_registries",
					"{\"id\": \"eureka-crud\", \"name\": \"eureka-crud\", \"type\": \"eureka\", \"eureka\":"
							+ " {\"service_urls\": [\"http://healthy-1.eureka:8761/eureka/\","
							+ " \"http://healthy-2.eureka:8761/eureka/\"]}}")
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.eureka.service_urls[1]")
			.isEqualTo("http://healthy-2.eureka:8761/eureka/")
			.jsonPath("$.type")
			.isEqualTo("eureka");

		long revision = revision("default");
		this.api.delete("/api/gateway_groups/default/service_registries/eureka-crud").expectStatus().isNoContent();
		this.api.get("/api/gateway_groups/default/service_registries/eureka-crud")
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("id");
		assertThat(revision("default")).isEqualTo(revision + 1);
		assertThat(AdminTestDatabase.queryLong(schema,
				"select count(*) from service_registry_check where registry_id = 'eureka-crud'"))
			.isZero();
	}

	@Test
	void put_changingTheType_replacesTheBlock() {
		this.registries.create("default", consul("type-change", "http://healthy.consul:8500", CONSUL_TOKEN));
		put("default", "type-change",
				"{\"name\": \"type-change\", \"type\": \"eureka\", \"eureka\": {\"service_urls\":"
						+ " [\"http://healthy.eureka:8761/eureka/\"]}}")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("eureka")
			.jsonPath("$.consul")
			.doesNotExist()
			.jsonPath("$.eureka.service_urls[0]")
			.isEqualTo("http://healthy.eureka:8761/eureka/");
		assertThat(secrets("type-change")).isEqualTo("{}");
	}

	static Stream<Arguments> badCreates() {
		return Stream.of(arguments("unknown type", "default", body("zookeeper", ""), 400, "type", "eureka, nacos"),
				arguments("missing type", "default", "{\"name\": \"x\"}", 400, "type", "kubernetes, consul"),
				arguments("missing block", "default", body("kubernetes", ""), 400, "kubernetes", "is required"),
				arguments("another type's block", "default",
						body("consul",
								", \"consul\": {\"address\": \"http://a.consul:8500\"}, \"nacos\":"
										+ " {\"address\": \"a:8848\"}"),
						400, "nacos", "left out"),
				arguments("missing consul address", "default", body("consul", ", \"consul\": {\"token\": \"t\"}"), 400,
						"consul.address", "required"),
				arguments("api server without token", "default",
						body("kubernetes", ", \"kubernetes\": {\"api_server\": \"https://k8s:6443\"}"), 400,
						"kubernetes.token", "required"),
				arguments("api server not a URL", "default",
						body("kubernetes", ", \"kubernetes\": {\"api_server\": \"k8s:6443\", \"token\": \"t\"}"), 400,
						"kubernetes.api_server", "http"),
				arguments("no eureka URL", "default", body("eureka", ", \"eureka\": {\"service_urls\": []}"), 400,
						"eureka.service_urls", "at least one"),
				arguments("bad eureka URL", "default",
						body("eureka", ", \"eureka\": {\"service_urls\": [\"ftp://eureka/\"]}"), 400,
						"eureka.service_urls[0]", "http"),
				arguments("null eureka URL", "default", body("eureka", ", \"eureka\": {\"service_urls\": [null]}"), 400,
						"eureka.service_urls[0]", "null"),
				arguments("nacos user without password", "default",
						body("nacos", ", \"nacos\": {\"address\": \"a:8848\", \"username\": \"u\"}"), 400,
						"nacos.password", "together"),
				arguments("unknown block field", "default",
						body("consul", ", \"consul\": {\"address\": \"http://a:8500\", \"colour\": \"red\"}"), 400,
						"consul.colour", "unknown"),
				arguments("blank name", "default",
						"{\"name\": \" \", \"type\": \"consul\", \"consul\": {\"address\": \"http://a:8500\"}}", 400,
						"name", ""),
				arguments("bad id", "default",
						"{\"id\": \"Not_An_Id\", \"name\": \"n\", \"type\": \"consul\", \"consul\": {\"address\":"
								+ " \"http://a:8500\"}}",
						400, "id", ""),
				arguments("unknown group", "nowhere", body("consul", ", \"consul\": {\"address\": \"http://a:8500\"}"),
						404, "gateway_group_id", "nowhere"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badCreates")
	void post_withBadInput_isRefusedNamingTheFieldAndChangesNothing(String name, String group, String json, int status,
			String field, String message) {
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		this.client.post()
			.uri("/api/gateway_groups/{gg}/service_registries", group)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(status)
			.jsonPath("$.errors[*].field")
			.value((fields) -> assertThat((List<Object>) fields).contains(field))
			.jsonPath("$.errors[?(@.field == '" + field + "')].message")
			.value((messages) -> assertThat((List<Object>) messages).singleElement()
				.satisfies((text) -> assertThat(text.toString()).contains(message)));
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void post_duplicateNameOrId_returns409AndChangesNothing() {
		this.registries.create("default", consul("dup", "http://healthy.consul:8500", ""));
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		this.api
			.post("/api/gateway_groups/default/service_registries",
					"{\"name\": \"dup\", \"type\": \"consul\", \"consul\": {\"address\": \"http://b:8500\"}}")
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("name");
		this.api
			.post("/api/gateway_groups/default/service_registries",
					consul("dup", "http://b:8500", "").replace("\"name\": \"dup\"", "\"name\": \"dup-2\""))
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("id");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
		// The same name in another group is another connection.
		this.registries.create("other", consul("dup-other", "http://healthy.consul:8500", "")
			.replace("\"name\": \"dup-other\"", "\"name\": \"dup\""));
	}

	@Test
	void readsAndWrites_ofAnotherGroupsConnection_return404() {
		this.registries.create("other", consul("elsewhere", "http://healthy.consul:8500", CONSUL_TOKEN));
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		this.api.get("/api/gateway_groups/default/service_registries/elsewhere").expectStatus().isNotFound();
		put("default", "elsewhere", consul("elsewhere", "http://healthy.consul:8500", "x")).expectStatus().isNotFound();
		this.api.delete("/api/gateway_groups/default/service_registries/elsewhere").expectStatus().isNotFound();
		put("other", "elsewhere", consul("not-this-id", "http://healthy.consul:8500", "x")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("id");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void put_withBadInput_changesNothingAndNeverEchoesTheSecret() {
		this.registries.create("default", kubernetes("k8s-bad-put", "https://healthy.k8s:6443", K8S_TOKEN));
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		String problem = put("default", "k8s-bad-put",
				"{\"name\": \"k8s-bad-put\", \"type\": \"kubernetes\", \"kubernetes\": {\"api_server\":"
						+ " \"not a url\", \"token\": \"" + K8S_TOKEN + "-new\"}}")
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(problem).contains("kubernetes.api_server").doesNotContain(K8S_TOKEN);
		String malformed = put("default", "k8s-bad-put",
				"{\"name\": \"k8s-bad-put\", \"type\": \"kubernetes\", \"kubernetes\": {\"api_server\":"
						+ " \"https://healthy.k8s:6443\", \"token\": " + K8S_TOKEN + "}}")
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(malformed).contains("malformed JSON").doesNotContain(K8S_TOKEN);
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void delete_whileAPublishedServiceUsesIt_returns409NamingTheService() {
		this.registries.create("default", consul("in-use", "http://healthy.consul:8500", ""));
		schema.execute(template("uses-registry"), route("uses-registry", "/uses"));
		this.api.post("/api/services/publish",
				"{\"gateway_group_id\": \"default\", \"services\": [{\"template_id\": \"uses-registry\","
						+ " \"version\": \"1.0.0\", \"upstream\": {\"service_registry_id\": \"in-use\", \"service_name\":"
						+ " \"echo\"}}]}")
			.expectStatus()
			.isOk();
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		refusedForCanary(this.api.delete("/api/gateway_groups/default/service_registries/in-use"), "id",
				"uses-registry");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void services_ofAHealthyRegistry_listsWhatItOffers() {
		this.registries.create("default", kubernetes("browse-ok", "https://healthy.k8s:6443", K8S_TOKEN));
		this.api.get("/api/gateway_groups/default/service_registries/browse-ok/services")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(2)
			.jsonPath("$.list[0].namespace")
			.isEqualTo("default")
			.jsonPath("$.list[0].name")
			.isEqualTo("echo")
			.jsonPath("$.list[0].ports[1]")
			.isEqualTo("metrics")
			.jsonPath("$.list[1].name")
			.isEqualTo("httpbin");
	}

	@Test
	void services_ofAFailingOrHangingRegistry_return502WithoutTheSecret() {
		this.registries.create("default", kubernetes("browse-failing", "https://failing.k8s:6443", K8S_TOKEN));
		this.registries.create("default", kubernetes("browse-hanging", "https://hanging.k8s:6443", K8S_TOKEN));
		String failing = problemText(
				this.api.get("/api/gateway_groups/default/service_registries/browse-failing/services"), 502)
			.returnResult()
			.getResponseBody();
		assertThat(failing).contains("browse-failing").contains("401 Unauthorized").doesNotContain(K8S_TOKEN);
		this.api.get("/api/gateway_groups/default/service_registries/browse-hanging/services")
			.expectStatus()
			.isEqualTo(502)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("did not answer within 500ms"));
		this.api.get("/api/gateway_groups/default/service_registries/no-such/services").expectStatus().isNotFound();
	}

	private WebTestClient.ResponseSpec put(String group, String id, String json) {
		return this.client.put()
			.uri("/api/gateway_groups/{gg}/service_registries/{id}", group, id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange();
	}

	private static long revision(String group) {
		return AdminTestDatabase.queryLong(schema,
				"select config_revision from gateway_group where id = '" + group + "'");
	}

	private static String secrets(String id) {
		return AdminTestDatabase.queryString(schema, "select secrets from service_registry where id = '" + id + "'");
	}

	private static String decryptedSecrets(String id) {
		return new SecretCipher(SecretKeys.of(AdminTestDatabase.SECRETS_KEY, List.of())).decrypt(secrets(id), id);
	}

	private static String body(String type, String blocks) {
		return "{\"name\": \"bad\", \"type\": \"" + type + "\"" + blocks + "}";
	}

	static String consul(String id, String address, String token) {
		return "{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"type\": \"consul\", \"consul\": {\"address\": \""
				+ address + "\", \"token\": \"" + token + "\"}}";
	}

	static String kubernetes(String id, String apiServer, String token) {
		return "{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"type\": \"kubernetes\", \"kubernetes\":"
				+ " {\"api_server\": \"" + apiServer + "\", \"token\": \"" + token + "\"}}";
	}

}

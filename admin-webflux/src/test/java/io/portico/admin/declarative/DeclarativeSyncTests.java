package io.portico.admin.declarative;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portico.admin.AdminApi;
import io.portico.admin.AdminHttpTest;
import io.portico.admin.AdminTestDatabase;
import io.portico.admin.AdminUsers;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Declarative sync against PostgreSQL: a dump synced back changes nothing; a file of
 * services is planned, then applied in one transaction; a label selector keeps another
 * team's services untouched even with delete; one bad port among fifty services names its
 * path and writes nothing; a published version never changes; a stale plan is refused;
 * ADC fields Portico lacks are refused by name. Each test uses its own group.
 */
@AdminHttpTest
class DeclarativeSyncTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("admindeclarative");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	AdminApi api;

	@Autowired
	WebTestClient client;

	@Test
	void dumpSyncedBack_changesNothing_andKeepsTheRevision() {
		group("roundtrip");
		sync("roundtrip", file(service("rt-httpbin", "1.0.0", "team", "a", route("anything", "/anything/*"))), "")
			.expectStatus()
			.isOk();
		long revision = revision("roundtrip");
		JsonNode dump = json(this.api.get("/api/declarative/dump?gateway_group_id=roundtrip").expectStatus().isOk());
		assertThat(dump.get("services").get(0).get("version").asString()).isEqualTo("1.0.0");

		JsonNode plan = json(sync("roundtrip", JSON.convertValue(dump, Map.class), "").expectStatus().isOk());

		assertThat(plan.get("changes")).isEmpty();
		assertThat(plan.get("applied").asBoolean()).isFalse();
		assertThat(revision("roundtrip")).isEqualTo(revision);
	}

	@Test
	void fileOfThreeServices_isPlannedThenPublished_andAChangedRouteIsExactlyTheNextPlan() {
		group("three");
		Map<String, Object> file = file(service("s3-a", "1.0.0", "team", "a", route("a", "/a/*")),
				service("s3-b", "1.0.0", "team", "a", route("b", "/b/*")),
				service("s3-c", "1.0.0", "team", "a", route("c", "/c/*")));
		JsonNode plan = json(this.api.post("/api/declarative/diff?gateway_group_id=three", file).expectStatus().isOk());
		assertThat(plan.get("summary").get("publish").asInt()).isEqualTo(3);
		assertThat(plan.get("summary").get("create").asInt()).isEqualTo(6);
		assertThat(plan.get("applied").asBoolean()).isFalse();
		assertThat(published("three")).isEmpty();

		assertThat(json(sync("three", file, "").expectStatus().isOk()).get("applied").asBoolean()).isTrue();
		assertThat(published("three")).containsExactlyInAnyOrder("s3-a 1.0.0", "s3-b 1.0.0", "s3-c 1.0.0");

		Map<String, Object> changed = file(service("s3-a", "1.0.0", "team", "a", route("a", "/a/*")),
				service("s3-b", "1.1.0", "team", "a", route("b", "/b2/*")),
				service("s3-c", "1.0.0", "team", "a", route("c", "/c/*")));
		JsonNode next = json(
				this.api.post("/api/declarative/diff?gateway_group_id=three", changed).expectStatus().isOk());
		assertThat(next.get("changes")).hasSize(2);
		assertThat(next.get("changes").get(0).get("action").asString()).isEqualTo("update");
		assertThat(next.get("changes").get(0).get("name").asString()).isEqualTo("b");
		assertThat(next.get("changes").get(1).get("version").asString()).isEqualTo("1.1.0");

		sync("three", changed, "").expectStatus().isOk();
		assertThat(published("three")).contains("s3-b 1.1.0");
		JsonNode versions = json(
				this.api.get("/api/gateway_groups/three/services/s3-b/versions").expectStatus().isOk());
		assertThat(versions.get("list")).hasSize(2);
	}

	@Test
	void labelSelectorWithDelete_unpublishesOnlyItsTeamsMissingService_andLeavesTheOtherTeamAsItWas() {
		group("teams");
		sync("teams",
				file(service("ta-one", "1.0.0", "team", "a", route("one", "/one/*")),
						service("ta-two", "1.0.0", "team", "a", route("two", "/two/*"))),
				"&label_selector=team=a")
			.expectStatus()
			.isOk();
		sync("teams", file(service("tb-one", "1.0.0", "team", "b", route("bone", "/bone/*"))), "&label_selector=team=b")
			.expectStatus()
			.isOk();
		String teamBBefore = teamB();

		JsonNode plan = json(sync("teams", file(service("ta-one", "1.0.0", "team", "a", route("one", "/one/*"))),
				"&label_selector=team=a&delete=true")
			.expectStatus()
			.isOk());

		assertThat(plan.get("not_in_file")).extracting(JsonNode::asString).containsExactly("ta-two");
		assertThat(published("teams")).containsExactlyInAnyOrder("ta-one 1.0.0", "tb-one 1.0.0");
		assertThat(teamB()).isEqualTo(teamBBefore);
	}

	@Test
	void fileOutsideItsLabelSelector_isRefusedNamingTheService() {
		group("outside");
		AdminApi
			.problem(sync("outside", file(service("os-one", "1.0.0", "team", "b", route("x", "/x/*"))),
					"&label_selector=team=a"), 400)
			.jsonPath("$.errors[0].field")
			.isEqualTo("services[0].labels");
	}

	@Test
	void fiftyServicesWithOneBadPort_isRefusedNamingItsPath_andWritesNothing() {
		group("atomic");
		List<Map<String, Object>> services = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			services.add(service("at-" + i, "1.0.0", "team", "a", route("r" + i, "/r" + i + "/*")));
		}
		nodes(services.get(37)).get(0).put("port", 70000);
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);

		AdminApi.problem(sync("atomic", Map.of("services", services), ""), 400)
			.jsonPath("$.errors[0].field")
			.isEqualTo("services[37].upstream.nodes[0].port");

		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void newServicesWritten_inBulk_nameEveryBadRouteByItsPathInTheFile_andATakenIdByName_andWriteNothing() {
		group("bulk");
		this.api
			.post("/api/services/template", Map.of("id", "bk-taken", "name", "someone-else", "upstream_scheme", "http"))
			.expectStatus()
			.isCreated();
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		List<Map<String, Object>> services = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			services.add(service("bk-" + i, "1.0.0", "team", "a", route("r", "/bk-" + i + "/*")));
		}
		services.set(4, service("bk-4", "1.0.0", "team", "a", route("r", "no-slash")));
		services.set(21,
				service("bk-21", "1.0.0", "team", "a", Map.of("name", "r", "paths", List.of("/ok", "also-bad"))));

		JsonNode invalid = JSON.readTree(
				AdminApi.problem(sync("bulk", Map.of("services", services), ""), 400).returnResult().getResponseBody());

		assertThat(invalid.get("errors").findValuesAsString("field")).contains("services[4].routes[0].uris[0]",
				"services[21].routes[0].paths[1]");
		services.set(4, service("bk-4", "1.0.0", "team", "a", route("r", "/bk-4/*")));
		services.set(21, service("bk-taken", "1.0.0", "team", "a", route("r", "/bk-21/*")));
		AdminApi.problem(sync("bulk", Map.of("services", services), ""), 409)
			.jsonPath("$.errors[0].field")
			.isEqualTo("services[21].name");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);

		services.set(21, service("bk-21", "1.0.0", "team", "a", route("r", "/bk-21/*")));
		sync("bulk", Map.of("services", services), "").expectStatus().isOk();
		assertThat(published("bulk")).hasSize(30).contains("bk-29 1.0.0");
		JsonNode routes = json(this.api.get("/api/services/template/bk-7/routes").expectStatus().isOk());
		assertThat(routes.get("list").get(0).get("paths").get(0).asString()).isEqualTo("/bk-7/*");
	}

	@Test
	void sameVersionWithOtherRoutes_isAConflict_andAStalePlanIsRefused() {
		group("immutable");
		sync("immutable", file(service("im-one", "1.0.0", "team", "a", route("x", "/x/*"))), "").expectStatus().isOk();
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);

		AdminApi.problem(sync("immutable", file(service("im-one", "1.0.0", "team", "a", route("x", "/y/*"))), ""), 409)
			.jsonPath("$.errors[0].field")
			.isEqualTo("services[0].version");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);

		long revision = revision("immutable");
		Map<String, Object> next = file(service("im-one", "1.0.2", "team", "a", route("x", "/y/*")));
		sync("immutable", file(service("im-one", "1.0.1", "team", "a", route("x", "/z/*"))), "").expectStatus().isOk();
		AdminApi.problem(sync("immutable", next, "&plan_revision=" + revision), 409)
			.jsonPath("$.errors[0].field")
			.isEqualTo("plan_revision");
	}

	@Test
	void adcFieldsPorticoLacks_areRefusedByName() {
		group("adc");
		Map<String, Object> service = service("adc-one", null, "team", "a", route("x", "/x/*"));
		service.put("plugins", Map.of("limit-count", Map.of("count", 2)));
		Map<String, Object> file = new LinkedHashMap<>(file(service));
		file.put("consumers", List.of());

		AdminApi.problem(this.api.post("/api/declarative/diff?gateway_group_id=adc", file), 400)
			.jsonPath("$.errors[*].field")
			.value((fields) -> assertThat(fields.toString()).contains("consumers", "services[0].plugins"));
	}

	@Test
	void adcFileWithoutVersions_publishes1_0_0_thenTheNextPatchWhenARouteChanges() {
		group("noversion");
		sync("noversion", file(service("nv-one", null, "team", "a", route("x", "/x/*"))), "").expectStatus().isOk();
		assertThat(published("noversion")).containsExactly("nv-one 1.0.0");
		sync("noversion", file(service("nv-one", null, "team", "a", route("x", "/x2/*"))), "").expectStatus().isOk();
		assertThat(published("noversion")).containsExactly("nv-one 1.0.1");
	}

	@Test
	void manyPublishedServices_syncedAgainWithOneChange_isAppliedWithoutWaitingOnItsOwnQueries() {
		group("many");
		List<Map<String, Object>> services = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			services.add(service("mn-" + i, "1.0.0", "team", "a", route("r", "/mn" + i + "/*")));
		}
		sync("many", Map.of("services", services), "").expectStatus().isOk();
		services.set(150, service("mn-150", "1.0.1", "team", "a", route("r", "/mn150b/*")));

		JsonNode plan = json(sync("many", Map.of("services", services), "").expectStatus().isOk());

		assertThat(plan.get("summary").get("publish").asInt()).isEqualTo(1);
		assertThat(published("many")).hasSize(300).contains("mn-150 1.0.1");
	}

	@Test
	void viewersToken_mayPlanButNotSync_andNothingChanges() {
		group("viewing");
		String userId = new AdminUsers(this.client).create("decl-viewer", null, "viewer@viewing", "editor");
		String token = json(
				this.api.post("/api/users/" + userId + "/tokens", Map.of("name", "ci")).expectStatus().isCreated())
			.get("token")
			.asString();
		WebTestClient viewer = AdminUsers.anonymous(this.client).mutate().defaultHeader("X-API-KEY", token).build();
		Map<String, Object> file = file(service("vw-one", "1.0.0", "team", "a", route("x", "/x/*")));
		viewer.post()
			.uri("/api/declarative/diff?gateway_group_id=viewing")
			.bodyValue(file)
			.exchange()
			.expectStatus()
			.isOk();
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);

		viewer.post()
			.uri("/api/declarative/sync?gateway_group_id=viewing")
			.bodyValue(file)
			.exchange()
			.expectStatus()
			.isForbidden();

		assertThat(published("viewing")).isEmpty();
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	private void group(String id) {
		this.api.post("/api/gateway_groups", Map.of("id", id, "name", id)).expectStatus().isCreated();
	}

	private WebTestClient.ResponseSpec sync(String group, Map<?, ?> file, String query) {
		return this.api.post("/api/declarative/sync?gateway_group_id=" + group + query, file);
	}

	private long revision(String group) {
		return json(this.api.get("/api/gateway_groups/" + group).expectStatus().isOk()).get("config_revision").asLong();
	}

	private List<String> published(String group) {
		List<String> services = new ArrayList<>();
		json(this.api.get("/api/gateway_groups/" + group + "/services?page_size=500").expectStatus().isOk()).get("list")
			.forEach((service) -> services
				.add(service.get("name").asString() + " " + service.get("version").asString()));
		return services;
	}

	private String teamB() {
		return json(this.api.get("/api/gateway_groups/teams/services/tb-one").expectStatus().isOk()).toString()
				+ json(this.api.get("/api/services/template/tb-one").expectStatus().isOk()).toString();
	}

	private static Map<String, Object> file(Map<?, ?>... services) {
		return Map.of("services", List.of(services));
	}

	private static Map<String, Object> service(String name, String version, String labelKey, String labelValue,
			Map<String, Object> route) {
		Map<String, Object> service = new LinkedHashMap<>();
		service.put("name", name);
		if (version != null) {
			service.put("version", version);
		}
		service.put("labels", Map.of(labelKey, labelValue));
		service.put("routes", List.of(route));
		List<Map<String, Object>> nodes = new ArrayList<>();
		nodes.add(new LinkedHashMap<>(Map.of("host", "127.0.0.1", "port", 8080, "weight", 100)));
		service.put("upstream", new LinkedHashMap<>(Map.of("nodes", nodes)));
		return service;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> nodes(Map<String, Object> service) {
		return (List<Map<String, Object>>) ((Map<String, Object>) service.get("upstream")).get("nodes");
	}

	private static Map<String, Object> route(String name, String path) {
		return Map.of("name", name, "uris", List.of(path), "methods", List.of("GET"));
	}

	private static JsonNode json(WebTestClient.ResponseSpec response) {
		return JSON.readTree(response.expectBody().returnResult().getResponseBody());
	}

}

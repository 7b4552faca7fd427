package io.portico.admin.publish;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.portico.admin.AdminHttpTest;
import io.portico.admin.registry.FakeRegistryConfiguration;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.portico.admin.AdminFixtures.consulRegistry;
import static io.portico.admin.AdminFixtures.group;
import static io.portico.admin.publish.LifecycleClient.NODE_A;
import static io.portico.admin.publish.LifecycleClient.NODE_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The canary API over HTTP against PostgreSQL: upstream and version canaries, replace,
 * abort, finish on either side (nodes to discovery included), what an active canary
 * blocks, and every refusal leaving the database unchanged.
 */
@AdminHttpTest
@Import(FakeRegistryConfiguration.class)
class CanaryTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("admincanary");

	private static final String DISCOVERY = "{\"service_registry_id\": \"reg-default\", \"namespace\": \"default\","
			+ " \"service_name\": \"echo\"}";

	private static final AtomicInteger BAD = new AtomicInteger();

	@Autowired
	WebTestClient client;

	LifecycleClient life;

	@BeforeAll
	static void fixtures() {
		schema.execute(group("test"), consulRegistry("reg-default", "default"), consulRegistry("reg-test", "test"));
	}

	@BeforeEach
	void client() {
		this.life = new LifecycleClient(this.client, schema);
	}

	@Test
	void put_anUpstreamCanary_storesItShowsItAndBumpsTheRevisionOnce() {
		published("up");
		long revision = this.life.revision("default");

		canary("up", "{\"weight\": 20, \"upstream\": " + NODE_B + "}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo("1.0.0")
			.jsonPath("$.canary.weight")
			.isEqualTo(20)
			.jsonPath("$.canary.upstream.nodes[0].host")
			.isEqualTo("10.0.0.2")
			.jsonPath("$.canary.upstream.nodes[0].weight")
			.isEqualTo(100)
			.jsonPath("$.canary.version")
			.doesNotExist()
			.jsonPath("$.runtime.upstream.nodes[0].host")
			.isEqualTo("10.0.0.1");

		assertThat(this.life.revision("default")).isEqualTo(revision + 1);
		assertThat(this.life.text("select canary from published_service where service_id = 'up'"))
			.contains("\"weight\":20")
			.contains("10.0.0.2");
		assertThat(this.life
			.count("select count(*) from published_service where service_id = 'up'" + " and canary_version_id is null"))
			.isEqualTo(1);
		this.life.get("/api/gateway_groups/default/services/up")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.canary.weight")
			.isEqualTo(20);
	}

	@Test
	void put_aVersionCanaryWithConditionsAndSticky_defaultsTheWeightAndStoresTheVersionId() {
		publishedWithCanaryVersion("ver");
		String versionId = this.life
			.text("select id from published_version where service_id = 'ver' and version = '1.1.0'");

		canary("ver", "{\"conditions\": {\"match\": \"any\", \"rules\": [{\"source\": \"header\", \"name\":"
				+ " \"X-Canary\", \"operator\": \"equals\", \"value\": \"on\"}, {\"source\": \"cookie\", \"name\":"
				+ " \"beta\", \"operator\": \"present\"}]}, \"sticky\": {\"source\": \"cookie\", \"name\":"
				+ " \"session\"}, \"version\": \"1.1.0\"}")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo("1.0.0")
			.jsonPath("$.canary.weight")
			.isEqualTo(100)
			.jsonPath("$.canary.conditions.match")
			.isEqualTo("any")
			.jsonPath("$.canary.conditions.rules[0].source")
			.isEqualTo("header")
			.jsonPath("$.canary.conditions.rules[1].operator")
			.isEqualTo("present")
			.jsonPath("$.canary.sticky.source")
			.isEqualTo("cookie")
			.jsonPath("$.canary.version")
			.isEqualTo("1.1.0")
			.jsonPath("$.canary.version_id")
			.isEqualTo(versionId)
			.jsonPath("$.canary.upstream")
			.doesNotExist();

		assertThat(this.life.text("select canary_version_id from published_service where service_id = 'ver'"))
			.isEqualTo(versionId);
		assertThat(this.life.text("select canary from published_service where service_id = 'ver'"))
			.contains("\"version_id\":\"" + versionId + "\"")
			.contains("\"version\":\"1.1.0\"");
	}

	@Test
	void put_byVersionIdAndAgain_replacesTheCanary() {
		publishedWithCanaryVersion("by-id");
		String versionId = this.life
			.text("select id from published_version where service_id = 'by-id' and version = '1.1.0'");
		canary("by-id", "{\"weight\": 10, \"version_id\": \"" + versionId + "\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.canary.version")
			.isEqualTo("1.1.0");
		long revision = this.life.revision("default");

		canary("by-id", "{\"weight\": 30, \"upstream\": " + NODE_B + "}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.canary.weight")
			.isEqualTo(30)
			.jsonPath("$.canary.version_id")
			.doesNotExist();
		assertThat(this.life.revision("default")).isEqualTo(revision + 1);
		assertThat(this.life.count(
				"select count(*) from published_service where service_id = 'by-id'" + " and canary_version_id is null"))
			.isEqualTo(1);
	}

	static Stream<Arguments> badCanaries() {
		return Stream.of(
				arguments("weight above 100", "{\"weight\": 101, \"upstream\": " + NODE_B + "}", 400, "weight"),
				arguments("negative weight", "{\"weight\": -1, \"upstream\": " + NODE_B + "}", 400, "weight"),
				arguments("no weight and no conditions", "{\"upstream\": " + NODE_B + "}", 400, "weight"),
				arguments("a condition on an unknown source",
						"{\"conditions\": {\"match\": \"all\", \"rules\": [{\"source\": \"body\", \"name\": \"x\", \"operator\":"
								+ " \"equals\", \"value\": \"1\"}]}, \"upstream\": " + NODE_B + "}",
						400, "conditions.rules[0].source"),
				arguments("an unknown operator",
						"{\"conditions\": {\"match\": \"all\", \"rules\": [{\"source\": \"query\", \"name\": \"x\", \"operator\":"
								+ " \"like\", \"value\": \"1\"}]}, \"upstream\": " + NODE_B + "}",
						400, "conditions.rules[0].operator"),
				arguments("an invalid regex",
						"{\"conditions\": {\"match\": \"all\", \"rules\": [{\"source\": \"header\", \"name\": \"x\", \"operator\":"
								+ " \"regex\", \"value\": \"(\"}]}, \"upstream\": " + NODE_B + "}",
						400, "conditions.rules[0].value"),
				arguments("an unknown sticky source",
						"{\"weight\": 5, \"sticky\": {\"source\": \"ip\"}, \"upstream\": " + NODE_B + "}", 400,
						"sticky.source"),
				arguments("both upstream and version",
						"{\"weight\": 5, \"upstream\": " + NODE_B + ", \"version\": \"1.1.0\"}", 400, "upstream"),
				arguments("neither upstream nor version", "{\"weight\": 5}", 400, "upstream"),
				arguments("a node on port 0",
						"{\"weight\": 5, \"upstream\": {\"nodes\": [{\"host\": \"10.0.0.3\", \"port\": 0}]}}", 400,
						"upstream.nodes[0].port"),
				arguments("an unknown field", "{\"weight\": 5, \"colour\": \"red\", \"upstream\": " + NODE_B + "}", 400,
						"colour"),
				arguments("a registry of another group",
						"{\"weight\": 5, \"upstream\": {\"service_registry_id\":"
								+ " \"reg-test\", \"namespace\": \"default\", \"service_name\": \"echo\"}}",
						400, "upstream.service_registry_id"),
				arguments("an unknown registry",
						"{\"weight\": 5, \"upstream\": {\"service_registry_id\":"
								+ " \"reg-none\", \"namespace\": \"default\", \"service_name\": \"echo\"}}",
						404, "upstream.service_registry_id"),
				arguments("a version never published", "{\"weight\": 5, \"version\": \"9.9.9\"}", 404, "version"),
				arguments("the current version", "{\"weight\": 5, \"version\": \"1.0.0\"}", 400, "version"),
				arguments("an unknown version id", "{\"weight\": 5, \"version_id\": \"no-such-id\"}", 404,
						"version_id"),
				arguments("not an object", "[1, 2]", 400, "$"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badCanaries")
	void put_withBadInput_isRefusedNamingTheFieldAndChangesNothing(String name, String body, int status, String field) {
		String service = "bad-" + BAD.incrementAndGet();
		publishedWithCanaryVersion(service);
		this.life.refused(() -> canary(service, body), status, field);
	}

	@Test
	void put_withAnUnknownSource_listsTheAllowedSources() {
		published("source");
		this.life
			.refused(() -> canary("source", "{\"conditions\": {\"match\": \"all\", \"rules\": [{\"source\":"
					+ " \"body\", \"name\": \"x\", \"operator\": \"equals\", \"value\": \"1\"}]}, \"upstream\": "
					+ NODE_B + "}"), 400, "conditions.rules[0].source")
			.jsonPath("$.errors[?(@.field == 'conditions.rules[0].source')].message")
			.value((message) -> assertThat(message.toString()).contains("header").contains("query").contains("cookie"));
	}

	@Test
	void put_withARegexTheLinearTimeEngineCannotRun_isRefusedNamingTheRuleAndTheOffendingPart() {
		published("backref");
		this.life
			.refused(() -> canary("backref",
					"{\"conditions\": {\"match\": \"all\", \"rules\": [{\"source\":"
							+ " \"header\", \"name\": \"x\", \"operator\": \"equals\", \"value\": \"1\"}, {\"source\":"
							+ " \"header\", \"name\": \"y\", \"operator\": \"regex\", \"value\": \"(ab)\\\\1\"}]},"
							+ " \"upstream\": " + NODE_B + "}"),
					400, "conditions.rules[1].value")
			.jsonPath("$.errors[?(@.field == 'conditions.rules[1].value')].message")
			.value((message) -> assertThat(message.toString()).contains("RE2")
				.contains("backreferences")
				.contains("invalid escape sequence at `"));
	}

	@Test
	void put_withAVersionIdOfAnotherServiceOrGroup_returns400NamingVersionId() {
		publishedWithCanaryVersion("mine");
		publishedWithCanaryVersion("theirs");
		this.life.published("test", "mine", "1.1.0", NODE_A);
		String otherService = this.life
			.text("select id from published_version where service_id = 'theirs' and version = '1.1.0'");
		String otherGroup = this.life.text("select id from published_version where service_id = 'mine'"
				+ " and gateway_group_id = 'test' and version = '1.1.0'");

		this.life
			.refused(() -> canary("mine", "{\"weight\": 5, \"version_id\": \"" + otherService + "\"}"), 400,
					"version_id")
			.jsonPath("$.errors[0].message")
			.value((message) -> assertThat(message.toString())
				.contains("a canary version must be a version of this service in this gateway group"));
		this.life.refused(() -> canary("mine", "{\"weight\": 5, \"version_id\": \"" + otherGroup + "\"}"), 400,
				"version_id");
	}

	@Test
	void put_onAServiceNotPublished_returns404NamingServiceId() {
		this.life.refused(() -> canary("not-published", "{\"weight\": 5, \"upstream\": " + NODE_B + "}"), 404,
				"service_id");
	}

	@Test
	void abort_removesTheCanaryAndBumpsTheRevisionOnce() {
		published("abort");
		canary("abort", "{\"weight\": 20, \"upstream\": " + NODE_B + "}").expectStatus().isOk();
		long revision = this.life.revision("default");

		this.life.delete("/api/gateway_groups/default/services/abort/canary").expectStatus().isNoContent();

		assertThat(this.life.revision("default")).isEqualTo(revision + 1);
		this.life.get("/api/gateway_groups/default/services/abort")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.canary")
			.isEmpty()
			.jsonPath("$.runtime.upstream.nodes[0].host")
			.isEqualTo("10.0.0.1");
		this.life.refused(() -> this.life.delete("/api/gateway_groups/default/services/abort/canary"), 404, "canary");
	}

	@Test
	void finish_onTheCanarySideOfAnUpstreamCanary_movesTheServiceFromNodesToDiscovery() {
		published("move");
		canary("move", "{\"weight\": 50, \"upstream\": " + DISCOVERY + "}").expectStatus().isOk();
		long revision = this.life.revision("default");

		finish("move", "canary").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.upstream_kind")
			.isEqualTo("discovery")
			.jsonPath("$.runtime.upstream.service_registry_id")
			.isEqualTo("reg-default")
			.jsonPath("$.runtime.upstream.service_name")
			.isEqualTo("echo")
			.jsonPath("$.canary")
			.isEmpty()
			.jsonPath("$.version")
			.isEqualTo("1.0.0");

		assertThat(this.life.revision("default")).isEqualTo(revision + 1);
		assertThat(this.life.text("select upstream_kind from published_service where service_id = 'move'"))
			.isEqualTo("discovery");
		assertThat(this.life.count("select count(*) from published_service where service_id = 'move'"
				+ " and canary is null and canary_version_id is null"))
			.isEqualTo(1);
	}

	@Test
	void finish_onTheCanarySideOfAVersionCanary_makesThatVersionCurrent() {
		publishedWithCanaryVersion("ver-fin");
		canary("ver-fin", "{\"weight\": 20, \"version\": \"1.1.0\"}").expectStatus().isOk();
		long revision = this.life.revision("default");

		finish("ver-fin", "canary").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo("1.1.0")
			.jsonPath("$.routes[0].paths[0]")
			.isEqualTo("/ver-fin/v2")
			.jsonPath("$.runtime.upstream.nodes[0].host")
			.isEqualTo("10.0.0.1")
			.jsonPath("$.canary")
			.isEmpty();
		assertThat(this.life.revision("default")).isEqualTo(revision + 1);
	}

	@Test
	void finish_onTheBaselineSide_keepsTheServiceAsItWas() {
		publishedWithCanaryVersion("base");
		canary("base", "{\"weight\": 20, \"version\": \"1.1.0\"}").expectStatus().isOk();
		long revision = this.life.revision("default");

		finish("base", "baseline").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo("1.0.0")
			.jsonPath("$.canary")
			.isEmpty();
		assertThat(this.life.revision("default")).isEqualTo(revision + 1);
	}

	@Test
	void finish_withAnUnknownSideOrWithoutCanary_isRefused() {
		published("fin-bad");
		this.life.refused(() -> finish("fin-bad", "canary"), 404, "canary");
		canary("fin-bad", "{\"weight\": 20, \"upstream\": " + NODE_B + "}").expectStatus().isOk();
		this.life.refused(() -> finish("fin-bad", "both"), 400, "side");
		this.life.refused(
				() -> this.life.post("/api/gateway_groups/default/services/fin-bad/canary/finish", "{\"side\": null}"),
				400, "side");
	}

	@Test
	void anActiveCanary_blocksNewCurrentVersionsRollbackAndPromotionButNotHistory() {
		publishedWithCanaryVersion("blocked");
		this.life.published("test", "blocked", "0.9.0", NODE_A);
		this.life.publish("default", "blocked", "0.9.0", "\"current\": false").expectStatus().isOk();
		canary("blocked", "{\"weight\": 20, \"upstream\": " + NODE_B + "}").expectStatus().isOk();

		this.life.refused(() -> this.life.publish("default", "blocked", "2.0.0", null), 409, "services[0].template_id")
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("finish or abort the canary first"));
		this.life.refused(() -> this.life.post("/api/gateway_groups/default/services/blocked/rollback",
				"{\"version\": \"0.9.0\"}"), 409, "service_id");
		this.life
			.refused(
					() -> this.life.post("/api/services/sync",
							VersionLifecycleTests.sync("test", "default", "blocked", null)),
					409, "services[0].service_id");
		this.life.publish("default", "blocked", "2.0.0", "\"current\": false").expectStatus().isOk();
	}

	@Test
	void unpublish_removesTheCanaryWithTheService() {
		published("unpub");
		canary("unpub", "{\"weight\": 20, \"upstream\": " + NODE_B + "}").expectStatus().isOk();

		this.life.delete("/api/gateway_groups/default/services/unpub").expectStatus().isNoContent();

		assertThat(this.life.count("select count(*) from published_service where service_id = 'unpub'")).isZero();
		this.life.refused(() -> this.life.delete("/api/gateway_groups/default/services/unpub/canary"), 404,
				"service_id");
	}

	@Test
	void putRuntime_withAnActiveCanary_keepsTheCanary() {
		published("rt");
		canary("rt", "{\"weight\": 20, \"upstream\": " + NODE_B + "}").expectStatus().isOk();

		this.life
			.put("/api/gateway_groups/default/services/rt/runtime",
					"{\"upstream\": " + NODE_A + ", \"hosts\": [\"rt.example.com\"]}")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.runtime.hosts[0]")
			.isEqualTo("rt.example.com")
			.jsonPath("$.canary.weight")
			.isEqualTo(20);
	}

	private void published(String service) {
		this.life.template(service, service + "-a:/" + service + "/v1");
		this.life.published("default", service, "1.0.0", NODE_A);
	}

	/**
	 * Publishes 1.0.0 as current and 1.1.0 (another path) into the history only.
	 */
	private void publishedWithCanaryVersion(String service) {
		published(service);
		this.life.sql("update template_route set paths = '[\"/" + service + "/v2\"]' where id = '" + service + "-a'");
		this.life.publish("default", service, "1.1.0", "\"current\": false").expectStatus().isOk();
	}

	private WebTestClient.ResponseSpec canary(String service, String json) {
		return this.life.put("/api/gateway_groups/default/services/" + service + "/canary", json);
	}

	private WebTestClient.ResponseSpec finish(String service, String side) {
		return this.life.post("/api/gateway_groups/default/services/" + service + "/canary/finish",
				"{\"side\": \"" + side + "\"}");
	}

}

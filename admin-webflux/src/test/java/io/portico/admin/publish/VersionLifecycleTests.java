package io.portico.admin.publish;

import java.util.Map;
import java.util.stream.Stream;

import io.portico.admin.AdminHttpTest;
import io.portico.admin.AdminTestDatabase;
import io.portico.admin.registry.FakeRegistryConfiguration;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.portico.admin.AdminFixtures.consulRegistry;
import static io.portico.admin.publish.LifecycleClient.NODE_A;
import static io.portico.admin.publish.LifecycleClient.NODE_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The version lifecycle over HTTP against PostgreSQL: publishing into history only
 * ({@code current: false}), rollback, compare, unpublish and promotion between groups,
 * each refusal leaving the database unchanged.
 */
@AdminHttpTest
@Import(FakeRegistryConfiguration.class)
class VersionLifecycleTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("adminlife");

	@Autowired
	WebTestClient client;

	LifecycleClient life;

	@BeforeEach
	void groups() {
		this.life = new LifecycleClient(this.client, schema);
		this.life.group("test");
		this.life.group("prod");
		this.life.sql(registry("reg-test", "test"), registry("reg-prod", "prod"));
	}

	@Test
	void publish_withCurrentFalse_addsTheVersionToHistoryAndKeepsServingTheCurrentOne() {
		this.life.publishedWithOneRoute("default", "hist");
		long revision = this.life.revision("default");

		this.life.publish("default", "hist", "1.1.0", "\"current\": false")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.config_revision")
			.isEqualTo(revision + 1)
			.jsonPath("$.list[0].version")
			.isEqualTo("1.0.0");

		this.life.get("/api/gateway_groups/default/services/hist")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo("1.0.0");
		this.life.get("/api/gateway_groups/default/services/hist/versions")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(2)
			.jsonPath("$.list[?(@.version == '1.1.0')].current")
			.isEqualTo(false)
			.jsonPath("$.list[?(@.version == '1.0.0')].current")
			.isEqualTo(true);
		assertThat(this.life
			.text("select runtime from published_version where service_id = 'hist'" + " and version = '1.1.0'"))
			.contains("10.0.0.1");
	}

	@Test
	void publish_withCurrentFalseBeforeAnyPublish_returns409NamingCurrent() {
		this.life.template("hist-new", "hist-new-a:/hist-new/a");
		this.life.refused(() -> this.life.publish("default", "hist-new", "1.0.0", "\"current\": false"), 409,
				"services[0].current");
	}

	@Test
	void publish_withCurrentFalseAndAnUpstream_returns400NamingCurrent() {
		this.life.publishedWithOneRoute("default", "hist-up");
		this.life.refused(
				() -> this.life.publish("default", "hist-up", "1.1.0", "\"current\": false, \"upstream\": " + NODE_B),
				400, "services[0].current");
	}

	@Test
	void rollback_toAnEarlierVersion_servesItAgainKeepsTheRuntimeAndBumpsTheRevisionOnce() {
		this.life.publishedWithOneRoute("default", "roll");
		this.life.sql("update template_route set paths = '[\"/roll/b\"]' where id = 'roll-a'");
		this.life.published("default", "roll", "1.1.0", NODE_B);
		long revision = this.life.revision("default");

		this.life.post("/api/gateway_groups/default/services/roll/rollback", "{\"version\": \"1.0.0\"}")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo("1.0.0")
			.jsonPath("$.routes[0].paths[0]")
			.isEqualTo("/roll/a")
			.jsonPath("$.runtime.upstream.nodes[0].host")
			.isEqualTo("10.0.0.2")
			.jsonPath("$.canary")
			.isEmpty();

		assertThat(this.life.revision("default")).isEqualTo(revision + 1);
		assertThat(this.life.count("select count(*) from published_version where service_id = 'roll'")).isEqualTo(2);
		this.life.get("/api/gateway_groups/default/services/roll/versions")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.list[?(@.version == '1.0.0')].current")
			.isEqualTo(true);
	}

	@Test
	void rollback_toAVersionNeverPublishedInTheGroup_returns404NamingVersion() {
		this.life.publishedWithOneRoute("default", "roll-other");
		// 0.9.0 exists, but in another group: it does not count.
		this.life.published("test", "roll-other", "0.9.0", NODE_A);
		this.life.refused(() -> this.life.post("/api/gateway_groups/default/services/roll-other/rollback",
				"{\"version\": \"0.9.0\"}"), 404, "version");
	}

	@Test
	void rollback_toTheCurrentVersion_returns409NamingVersion() {
		this.life.publishedWithOneRoute("default", "roll-cur");
		this.life.refused(() -> this.life.post("/api/gateway_groups/default/services/roll-cur/rollback",
				"{\"version\": \"1.0.0\"}"), 409, "version");
	}

	@Test
	void rollback_withoutVersion_returns400NamingVersion() {
		this.life.publishedWithOneRoute("default", "roll-none");
		this.life.refused(() -> this.life.post("/api/gateway_groups/default/services/roll-none/rollback", "{}"), 400,
				"version");
	}

	@Test
	void diff_betweenTwoVersions_listsAddedRemovedAndChangedRoutesFieldByField() {
		this.life.template("cmp", "cmp-kept:/cmp/kept", "cmp-changed:/cmp/changed", "cmp-gone:/cmp/gone");
		this.life.published("default", "cmp", "1.0.0", NODE_A);
		this.life.sql(
				"update template_route set paths = '[\"/cmp/changed/v2\"]', methods = '[\"GET\", \"POST\"]',"
						+ " description = 'now v2' where id = 'cmp-changed'",
				"delete from template_route where id = 'cmp-gone'");
		this.life.route("cmp", "cmp-new", "/cmp/new", "[\"GET\"]", 9);
		this.life.published("default", "cmp", "1.1.0", null);

		this.life.get("/api/gateway_groups/default/services/cmp/versions/1.0.0/diff/1.1.0")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.a.gateway_group_id")
			.isEqualTo("default")
			.jsonPath("$.a.version")
			.isEqualTo("1.0.0")
			.jsonPath("$.b.version")
			.isEqualTo("1.1.0")
			.jsonPath("$.added.length()")
			.isEqualTo(1)
			.jsonPath("$.added[0].id")
			.isEqualTo("cmp-new")
			.jsonPath("$.removed.length()")
			.isEqualTo(1)
			.jsonPath("$.removed[0].id")
			.isEqualTo("cmp-gone")
			.jsonPath("$.changed.length()")
			.isEqualTo(1)
			.jsonPath("$.changed[0].route_id")
			.isEqualTo("cmp-changed")
			.jsonPath("$.changed[0].name")
			.isEqualTo("cmp-changed")
			.jsonPath("$.changed[0].changes.length()")
			.isEqualTo(3)
			.jsonPath("$.changed[0].changes[0].field")
			.isEqualTo("paths")
			.jsonPath("$.changed[0].changes[0].from[0]")
			.isEqualTo("/cmp/changed")
			.jsonPath("$.changed[0].changes[0].to[0]")
			.isEqualTo("/cmp/changed/v2")
			.jsonPath("$.changed[0].changes[1].field")
			.isEqualTo("methods")
			.jsonPath("$.changed[0].changes[1].to[1]")
			.isEqualTo("POST")
			.jsonPath("$.changed[0].changes[2].field")
			.isEqualTo("description")
			.jsonPath("$.changed[0].changes[2].from")
			.isEqualTo("")
			.jsonPath("$.changed[0].changes[2].to")
			.isEqualTo("now v2")
			.jsonPath("$.unchanged")
			.isEqualTo(1);
	}

	@Test
	void diff_withAnotherGroup_comparesWithThatGroupsVersion() {
		this.life.template("cmp-groups", "cmp-groups-a:/cmp-groups/a");
		this.life.published("test", "cmp-groups", "2.0.0", NODE_A);
		this.life.sql("update template_route set paths = '[\"/cmp-groups/b\"]' where id = 'cmp-groups-a'");
		this.life.published("prod", "cmp-groups", "2.0.0", NODE_A);

		this.life.get("/api/gateway_groups/test/services/cmp-groups/versions/2.0.0/diff/2.0.0?b_gateway_group_id=prod")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.a.gateway_group_id")
			.isEqualTo("test")
			.jsonPath("$.b.gateway_group_id")
			.isEqualTo("prod")
			.jsonPath("$.changed[0].changes[0].field")
			.isEqualTo("paths")
			.jsonPath("$.unchanged")
			.isEqualTo(0);
	}

	@Test
	void diff_withAnUnknownVersion_returns404NamingAOrB() {
		this.life.publishedWithOneRoute("default", "cmp-unknown");
		this.life.refused(
				() -> this.life.get("/api/gateway_groups/default/services/cmp-unknown/versions/9.9.9/diff/1.0.0"), 404,
				"a");
		this.life.refused(
				() -> this.life.get("/api/gateway_groups/default/services/cmp-unknown/versions/1.0.0/diff/9.9.9"), 404,
				"b");
		this.life.refused(() -> this.life
			.get("/api/gateway_groups/default/services/cmp-unknown/versions/1.0.0/diff/1.0.0?b_gateway_group_id=prod"),
				404, "b");
	}

	@Test
	void unpublish_stopsServingKeepsTheHistoryAndAllowsANewVersionLater() {
		this.life.publishedWithOneRoute("default", "gone");
		this.life.published("default", "gone", "1.1.0", null);
		long revision = this.life.revision("default");

		this.life.delete("/api/gateway_groups/default/services/gone").expectStatus().isNoContent();

		assertThat(this.life.revision("default")).isEqualTo(revision + 1);
		assertThat(this.life.count("select count(*) from published_service where service_id = 'gone'")).isZero();
		assertThat(this.life.count("select count(*) from published_version where service_id = 'gone'")).isEqualTo(2);
		this.life.get("/api/gateway_groups/default/services/gone").expectStatus().isNotFound();
		this.life.get("/api/gateway_groups/default/services/gone/versions")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(2)
			.jsonPath("$.list[0].current")
			.isEqualTo(false)
			.jsonPath("$.list[1].current")
			.isEqualTo(false);
		// An old version string stays taken; a new one publishes again.
		this.life.refused(() -> this.life.publish("default", "gone", "1.1.0", "\"upstream\": " + NODE_A), 409,
				"services[0].version");
		this.life.published("default", "gone", "1.2.0", NODE_A);
	}

	@Test
	void unpublish_aServiceNotPublishedInTheGroup_returns404NamingServiceId() {
		this.life.refused(() -> this.life.delete("/api/gateway_groups/default/services/never-published"), 404,
				"service_id");
	}

	@Test
	void versions_ofAServiceWithoutHistoryInTheGroup_returns404() {
		this.life.refused(() -> this.life.get("/api/gateway_groups/default/services/no-history/versions"), 404,
				"service_id");
	}

	@Test
	void promote_copiesTheCurrentVersionToTheTargetWithItsOwnUpstream() {
		this.life.publishedWithOneRoute("test", "promo");
		long testRevision = this.life.revision("test");
		long prodRevision = this.life.revision("prod");

		this.client.post()
			.uri("/api/services/sync")
			.header("Content-Type", "application/json")
			.bodyValue(sync("test", "prod", "promo", NODE_B))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.gateway_group_id")
			.isEqualTo("prod")
			.jsonPath("$.config_revision")
			.isEqualTo(prodRevision + 1)
			.jsonPath("$.list[0].version")
			.isEqualTo("1.0.0")
			.jsonPath("$.list[0].published_by")
			.isEqualTo("admin");

		this.life.get("/api/gateway_groups/prod/services/promo")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo("1.0.0")
			.jsonPath("$.name")
			.isEqualTo("promo")
			.jsonPath("$.routes[0].paths[0]")
			.isEqualTo("/promo/a")
			.jsonPath("$.runtime.upstream.nodes[0].host")
			.isEqualTo("10.0.0.2")
			.jsonPath("$.runtime.upstream.nodes[0].port")
			.isEqualTo(9090);
		assertThat(this.life.revision("test")).isEqualTo(testRevision);
		this.life.get("/api/gateway_groups/test/services/promo")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.runtime.upstream.nodes[0].host")
			.isEqualTo("10.0.0.1");
	}

	@Test
	void promote_twice_changesNothingTheSecondTime() {
		this.life.publishedWithOneRoute("test", "promo-twice");
		promote("test", "prod", "promo-twice", NODE_B).expectStatus().isOk();
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		long revision = this.life.revision("prod");

		promote("test", "prod", "promo-twice", null).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.config_revision")
			.isEqualTo(revision)
			.jsonPath("$.list[0].version")
			.isEqualTo("1.0.0");
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void promote_ofAVersionTheTargetHasInItsHistory_makesItCurrentWithoutANewVersion() {
		this.life.publishedWithOneRoute("test", "promo-back");
		promote("test", "prod", "promo-back", NODE_B).expectStatus().isOk();
		this.life.sql("update template_route set paths = '[\"/promo-back/b\"]' where id = 'promo-back-a'");
		this.life.published("prod", "promo-back", "2.0.0", null);
		long revision = this.life.revision("prod");

		promote("test", "prod", "promo-back", null).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.config_revision")
			.isEqualTo(revision + 1)
			.jsonPath("$.list[0].version")
			.isEqualTo("1.0.0");
		assertThat(this.life.count(
				"select count(*) from published_version where service_id = 'promo-back' and gateway_group_id = 'prod'"))
			.isEqualTo(2);
		this.life.get("/api/gateway_groups/prod/services/promo-back")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.routes[0].paths[0]")
			.isEqualTo("/promo-back/a");
	}

	@Test
	void promote_whenTheTargetHasTheVersionWithOtherRoutes_returns409NamingTheService() {
		this.life.publishedWithOneRoute("test", "promo-clash");
		this.life.sql("update template_route set paths = '[\"/promo-clash/b\"]' where id = 'promo-clash-a'");
		this.life.published("prod", "promo-clash", "1.0.0", NODE_B);
		this.life.published("prod", "promo-clash", "1.1.0", null);
		this.life.refused(() -> promote("test", "prod", "promo-clash", null), 409, "services[0].service_id");
	}

	static Stream<Arguments> refusedPromotions() {
		return Stream.of(
				arguments("to the same group: 400 naming the target", "promo-same", "test", NODE_B, 400,
						"target_gateway_group_id"),
				arguments("the first time without upstream: 400 naming the upstream", "promo-bare", "prod", null, 400,
						"services[0].upstream"),
				arguments("with an invalid node: 400 naming the node", "promo-port", "prod",
						"{\"nodes\": [{\"host\": \"10.0.0.3\", \"port\": 0}]}", 400,
						"services[0].upstream.nodes[0].port"),
				arguments("with a registry of another group: 400 naming the registry", "promo-reg", "prod",
						"{\"service_registry_id\": \"reg-test\", \"namespace\": \"default\", \"service_name\": \"echo\"}",
						400, "services[0].upstream.service_registry_id"));
	}

	@ParameterizedTest(name = "promote {0}")
	@MethodSource("refusedPromotions")
	void promote_withABadTargetOrUpstream_isRefusedNamingTheField(String description, String service, String target,
			String upstream, int status, String field) {
		this.life.publishedWithOneRoute("test", service);
		this.life.refused(() -> promote("test", target, service, upstream), status, field);
	}

	@Test
	void promote_withUnknownGroups_returns404NamingTheGroup() {
		this.life.refused(() -> promote("nowhere", "prod", "x", NODE_B), 404, "source_gateway_group_id");
		this.life.refused(() -> promote("test", "nowhere", "x", NODE_B), 404, "target_gateway_group_id");
	}

	@Test
	void promote_ofAServiceNotPublishedInTheSource_returns404AndPromotesNothingOfTheBatch() {
		this.life.publishedWithOneRoute("test", "promo-batch");
		String body = "{\"source_gateway_group_id\": \"test\", \"target_gateway_group_id\": \"prod\", \"services\": ["
				+ "{\"service_id\": \"promo-batch\", \"upstream\": " + NODE_B + "},"
				+ " {\"service_id\": \"not-in-test\", \"upstream\": " + NODE_B + "}]}";
		this.life.refused(() -> this.life.post("/api/services/sync", body), 404, "services[1].service_id");
	}

	@Test
	void promote_withDiscoveryOntoAServiceOnNodesInTheTarget_returns409PointingAtCanary() {
		this.life.publishedWithOneRoute("test", "promo-kind");
		this.life.published("prod", "promo-kind", "0.1.0", NODE_B);
		this.life
			.refused(() -> promote("test", "prod", "promo-kind",
					"{\"service_registry_id\": \"reg-prod\", \"namespace\": \"default\", \"service_name\": \"echo\"}"),
					409, "services[0].upstream")
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("canary"));
	}

	@Test
	void promote_withDiscoveryThroughARegistryOfTheTarget_servesFromThatRegistry() {
		this.life.publishedWithOneRoute("test", "promo-disco");
		promote("test", "prod", "promo-disco",
				"{\"service_registry_id\": \"reg-prod\", \"namespace\": \"default\", \"service_name\": \"echo\"}")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.list[0].upstream_kind")
			.isEqualTo("discovery");
	}

	private WebTestClient.ResponseSpec promote(String source, String target, String service, String upstream) {
		return this.life.post("/api/services/sync", sync(source, target, service, upstream));
	}

	private static String registry(String id, String group) {
		return consulRegistry(id, group) + " on conflict do nothing";
	}

	static String sync(String source, String target, String service, String upstream) {
		return "{\"source_gateway_group_id\": \"" + source + "\", \"target_gateway_group_id\": \"" + target
				+ "\", \"services\": [{\"service_id\": \"" + service + "\""
				+ ((upstream != null) ? ", \"upstream\": " + upstream : "") + "}]}";
	}

}

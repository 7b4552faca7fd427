package io.portico.admin.publish;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.portico.admin.AdminTestDatabase;
import io.portico.admin.WithAdminSchema;
import io.portico.admin.web.ApiException;
import io.portico.admin.web.ApiFieldError;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;

import static io.portico.admin.AdminFixtures.route;
import static io.portico.admin.AdminFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core's transactional method, as the declarative sync will call it: several
 * publishes in one transaction are all applied, or none.
 */
@SpringBootTest
@WithAdminSchema
class PublishAllTransactionTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("adminpuball");

	@Autowired
	PublishService publishService;

	@BeforeAll
	static void templates() {
		schema.execute(template("first"), route("first", "/first"), template("second"), route("second", "/second"));
	}

	@Test
	void publishAll_secondFailsValidation_neitherIsApplied() {
		Map<String, Object> before = AdminTestDatabase.snapshot(schema);
		PublishRequest valid = request("first", "1.0.0", 80);
		PublishRequest invalid = request("second", "1.0.0", 0);
		StepVerifier.create(this.publishService.publishAll(List.of(valid, invalid), "sync"))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(ApiException.class);
				assertThat(((ApiException) ex).getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
				assertThat(((ApiException) ex).getErrors()).extracting(ApiFieldError::field)
					.containsExactly("services[0].upstream.nodes[0].port");
			})
			.verify(Duration.ofSeconds(10));
		assertThat(AdminTestDatabase.snapshot(schema)).isEqualTo(before);
	}

	@Test
	void publishAll_allValid_appliesEachInOrder() {
		long revision = AdminTestDatabase.queryLong(schema,
				"select config_revision from gateway_group where id = 'default'");
		StepVerifier
			.create(this.publishService
				.publishAll(List.of(request("first", "2.0.0", 80), request("second", "2.0.0", 8080)), "sync"))
			.assertNext((responses) -> assertThat(responses).extracting(PublishResponse::configRevision)
				.containsExactly(revision + 1, revision + 2))
			.verifyComplete();
		assertThat(AdminTestDatabase.queryLong(schema,
				"select count(*) from published_version where version = '2.0.0' and published_by = 'sync'"))
			.isEqualTo(2);
	}

	private static PublishRequest request(String templateId, String version, int port) {
		PublishRequest.Upstream upstream = new PublishRequest.Upstream(
				List.of(new PublishRequest.Node("httpbin.org", port, null)), null, null, null, null);
		RuntimeFields runtime = new RuntimeFields(upstream, null, null, null, null, null);
		return new PublishRequest("default",
				List.of(new PublishRequest.ServiceVersion(templateId, version, runtime, null, null)));
	}

}

package io.portico.admin;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin as {@code java -jar} starts it, on its embedded H2 default: the tutorial's
 * publish works, the API is documented, actuator probes answer, and it is no gateway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class AdminApplicationTests {

	@Autowired
	WebTestClient client;

	@Autowired
	ApplicationContext context;

	@Test
	void classpath_hasNoSpringCloudGateway() {
		assertThat(ClassUtils.isPresent("org.springframework.cloud.gateway.route.RouteLocator", null)).isFalse();
		assertThat(this.context.getBeanNamesForType(DataSource.class))
			.as("Flyway uses its own connection; no pooled JDBC DataSource competes with R2DBC")
			.isEmpty();
	}

	@Test
	void publish_onEmbeddedH2_works() {
		this.client.post()
			.uri("/api/services/template")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("id", "h2-httpbin", "name", "h2-httpbin"))
			.exchange()
			.expectStatus()
			.isCreated();
		this.client.post()
			.uri("/api/services/template/h2-httpbin/routes")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "getting-started-anything", "paths", List.of("/anything/*"), "methods",
					List.of("GET")))
			.exchange()
			.expectStatus()
			.isCreated();
		this.client.post()
			.uri("/api/services/publish")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"gateway_group_id\": \"default\", \"services\": [{\"template_id\": \"h2-httpbin\","
					+ " \"version\": \"1.0.0\", \"upstream\": {\"nodes\": [{\"host\": \"httpbin.org\", \"port\": 80}]},"
					+ " \"timeout\": {\"connect\": 2.5, \"read\": 30}}]}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.list[0].version")
			.isEqualTo("1.0.0");
		this.client.get()
			.uri("/api/gateway_groups/default/services/h2-httpbin")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.runtime.timeout.connect")
			.isEqualTo(2.5)
			.jsonPath("$.runtime.timeout.read")
			.isEqualTo(30);
	}

	@Test
	void apiDocs_describeThePublishEndpointAndItsFields() {
		this.client.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.info.title")
			.isEqualTo("Portico admin API")
			.jsonPath("$.paths['/api/services/publish'].post.summary")
			.isEqualTo("Publish service versions to a gateway group")
			.jsonPath("$.paths['/api/services/publish'].post.description")
			.value((description) -> assertThat(description.toString()).contains("All or nothing"))
			.jsonPath("$.paths['/api/gateway_groups/{gg}/services/{serviceId}/versions'].get.summary")
			.isNotEmpty()
			.jsonPath("$.components.schemas.PublishRequest.properties.gateway_group_id.description")
			.isEqualTo("Target gateway group.")
			.jsonPath("$.components.schemas.Node.properties.port.example")
			.isEqualTo(80);
	}

	@Test
	void swaggerUiAndProbes_answer() {
		this.client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
		this.client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/env").exchange().expectStatus().isNotFound();
	}

}

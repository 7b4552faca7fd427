package io.portico.admin;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import io.portico.registry.DefaultRegistryClientFactory;
import io.portico.registry.RegistryClientFactory;
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
 * publish works, registry connections are checked with the real client factory, the API
 * is documented, actuator probes answer, and it is neither a gateway nor a member of any
 * service registry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "portico.admin.bootstrap.token=" + AdminTestDatabase.ADMIN_TOKEN,
				"portico.secrets.key=" + AdminTestDatabase.SECRETS_KEY })
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
	void context_isNoDiscoveryClientNorRegistersItself() {
		for (String type : List.of("com.netflix.discovery.EurekaClient",
				"org.springframework.cloud.consul.ConsulClient",
				"org.springframework.cloud.client.discovery.DiscoveryClient",
				"org.springframework.cloud.client.discovery.ReactiveDiscoveryClient",
				"org.springframework.cloud.client.serviceregistry.Registration",
				"org.springframework.cloud.client.serviceregistry.ServiceRegistry",
				"com.alibaba.nacos.api.naming.NamingService")) {
			if (ClassUtils.isPresent(type, null)) {
				assertThat(this.context.getBeanNamesForType(ClassUtils.resolveClassName(type, null))).as(type)
					.isEmpty();
			}
		}
		assertThat(this.context.getBeanDefinitionNames()).as("no Eureka, Consul or Nacos client beans")
			.noneMatch((name) -> name.toLowerCase(Locale.ROOT).contains("eureka")
					|| name.toLowerCase(Locale.ROOT).contains("consul")
					|| name.toLowerCase(Locale.ROOT).contains("nacos"));
		assertThat(this.context.getBean(RegistryClientFactory.class)).isInstanceOf(DefaultRegistryClientFactory.class);
	}

	@Test
	void registryConnection_onEmbeddedH2_isCheckedWithTheRealFactory() {
		this.client.post()
			.uri("/api/gateway_groups/default/service_registries")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"id\": \"h2-consul\", \"name\": \"h2-consul\", \"type\": \"consul\", \"consul\":"
					+ " {\"address\": \"http://127.0.0.1:1\", \"token\": \"h2-secret-token\"}}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("connecting");
		// Nothing listens on port 1: whatever client the factory builds, the check fails.
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		String body = read("/api/gateway_groups/default/service_registries/h2-consul");
		while (!body.contains("\"status\":\"unhealthy\"") && System.nanoTime() < deadline) {
			pause();
			body = read("/api/gateway_groups/default/service_registries/h2-consul");
		}
		assertThat(body).contains("\"status\":\"unhealthy\"")
			.doesNotContain("\"last_error\":null")
			.doesNotContain("h2-secret-token");
		assertThat(read("/api/gateway_groups/default/service_registries/h2-consul/checks"))
			.contains("\"status\":\"unhealthy\"")
			.contains("\"total\":1");
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
		apiDocs().jsonPath("$.info.title")
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
			.isEqualTo(80)
			.jsonPath("$.paths['/api/gateway_groups/{gg}/service_registries'].post.summary")
			.isEqualTo("Create a registry connection")
			.jsonPath("$.paths['/api/gateway_groups/{gg}/service_registries/{id}/services'].get.summary")
			.isNotEmpty()
			.jsonPath("$.paths['/api/gateway_groups/{gg}/services/{serviceId}/runtime'].put.summary")
			.isNotEmpty()
			.jsonPath("$.components.schemas.ServiceRegistryResponse.properties.status.description")
			.isNotEmpty();
	}

	@Test
	void apiDocs_describeTheVersionLifecycleEndpoints() {
		String service = "$.paths['/api/gateway_groups/{gg}/services/{serviceId}";
		apiDocs().jsonPath("$.paths['/api/services/sync'].post.summary")
			.isEqualTo("Promote current versions to another gateway group")
			.jsonPath(service + "'].delete.summary")
			.isEqualTo("Unpublish a service from a group")
			.jsonPath(service + "/rollback'].post.summary")
			.isNotEmpty()
			.jsonPath(service + "/versions/{a}/diff/{b}'].get.summary")
			.isNotEmpty()
			.jsonPath(service + "/canary'].put.requestBody.content['application/json'].schema.$ref")
			.isEqualTo("#/components/schemas/CanaryView")
			.jsonPath(service + "/canary'].delete.summary")
			.isNotEmpty()
			.jsonPath(service + "/canary/finish'].post.summary")
			.isNotEmpty()
			.jsonPath("$.components.schemas.CanaryView.properties.weight.example")
			.isEqualTo(20)
			.jsonPath("$.components.schemas.RuleView.properties.source.enum")
			.isNotEmpty()
			.jsonPath("$.components.schemas.PromoteRequest.properties.target_gateway_group_id.description")
			.isNotEmpty()
			.jsonPath("$.components.schemas.ServiceVersion.properties.current.description")
			.isNotEmpty()
			.jsonPath("$.components.schemas.VersionDiffResponse.properties.changed.description")
			.isNotEmpty();
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

	private WebTestClient.BodyContentSpec apiDocs() {
		return this.client.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody();
	}

	private String read(String uri) {
		return this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private static void pause() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

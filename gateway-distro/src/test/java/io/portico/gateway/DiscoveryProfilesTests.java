package io.portico.gateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.alibaba.cloud.nacos.discovery.NacosDiscoveryClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryClient;
import org.springframework.cloud.kubernetes.fabric8.discovery.Fabric8DiscoveryClient;
import org.springframework.cloud.netflix.eureka.EurekaDiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared profiles {@code kubernetes}, {@code consul}, {@code eureka} and
 * {@code nacos} ({@code config/application-<profile>.yml} of {@code portico-config}) on
 * top of the gateway's {@code application.yml}: each switches on exactly its own
 * discovery client, and without one of them none is active. Every address points at a
 * closed port, so nothing connects or hangs; the contexts are not web servers, so nothing
 * registers.
 */
class DiscoveryProfilesTests {

	private static final List<Class<?>> CLIENTS = List.of(Fabric8DiscoveryClient.class, ConsulDiscoveryClient.class,
			EurekaDiscoveryClient.class, NacosDiscoveryClient.class);

	private static final String[] UNREACHABLE = { "--spring.cloud.gateway.server.webflux.enabled=false",
			"--spring.cloud.kubernetes.discovery.cache-loading-timeout-seconds=5",
			// The catalog watch asks the API server's group discovery for EndpointSlices,
			// which the mock server's CRUD mode does not serve.
			"--spring.cloud.kubernetes.discovery.catalog-services-watch.enabled=false", "--CONSUL_HOST=127.0.0.1",
			"--CONSUL_PORT=1", "--spring.cloud.consul.discovery.catalog-services-watch.enabled=false",
			"--EUREKA_SERVICE_URL=http://127.0.0.1:1/eureka/", "--eureka.client.fetch-registry=false",
			"--NACOS_SERVER_ADDR=127.0.0.1:1", "--spring.cloud.nacos.discovery.watch.enabled=false",
			"--portico.gateway.group=staging",
			// Without Portico's beans the readiness group's "config" indicator is absent.
			"--management.endpoint.health.validate-group-membership=false" };

	// The informers of Spring Cloud Kubernetes' client need an API server that answers.
	static final KubernetesMockServer kubernetes = startKubernetes();

	@AfterAll
	static void stopKubernetes() {
		kubernetes.destroy();
	}

	@Test
	void noProfile_hasNoneOfTheFourDiscoveryClientsAndNoServiceRegistry() {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(activeClients(context)).isEmpty();
			assertThat(context.getBeansOfType(ServiceRegistry.class)).isEmpty();
		}
	}

	@Test
	void kubernetesProfile_activatesOnlyTheFabric8DiscoveryClient() {
		try (ConfigurableApplicationContext context = start("kubernetes")) {
			assertThat(activeClients(context)).containsExactly(Fabric8DiscoveryClient.class);
			assertThat(context.getEnvironment().getProperty("spring.cloud.kubernetes.discovery.use-endpoint-slices"))
				.isEqualTo("true");
		}
	}

	@Test
	void consulProfile_activatesOnlyTheConsulDiscoveryClient_registeringPorticoGatewayWithItsGroup() {
		try (ConfigurableApplicationContext context = start("consul")) {
			assertThat(activeClients(context)).containsExactly(ConsulDiscoveryClient.class);
			assertThat(context.getEnvironment().getProperty("spring.cloud.consul.discovery.service-name"))
				.isEqualTo("portico-gateway");
			assertThat(context.getEnvironment().getProperty("spring.cloud.consul.discovery.metadata.gateway-group"))
				.isEqualTo("staging");
			assertThat(context.getBeansOfType(ServiceRegistry.class)).hasSize(1);
		}
	}

	@Test
	void eurekaProfile_activatesOnlyTheEurekaDiscoveryClient_registeringPorticoGatewayWithItsGroup() {
		try (ConfigurableApplicationContext context = start("eureka")) {
			assertThat(activeClients(context)).containsExactly(EurekaDiscoveryClient.class);
			assertThat(context.getEnvironment().getProperty("eureka.instance.appname")).isEqualTo("portico-gateway");
			assertThat(context.getEnvironment().getProperty("eureka.instance.metadata-map.gateway-group"))
				.isEqualTo("staging");
			assertThat(context.getBeansOfType(ServiceRegistry.class)).hasSize(1);
		}
	}

	@Test
	void nacosProfile_activatesOnlyTheNacosDiscoveryClient_registeringPorticoGatewayWithItsGroup() {
		try (ConfigurableApplicationContext context = start("nacos")) {
			assertThat(activeClients(context)).containsExactly(NacosDiscoveryClient.class);
			assertThat(context.getEnvironment().getProperty("spring.cloud.nacos.discovery.service"))
				.isEqualTo("portico-gateway");
			assertThat(context.getEnvironment().getProperty("spring.cloud.nacos.discovery.metadata.gateway-group"))
				.isEqualTo("staging");
			assertThat(context.getBeansOfType(ServiceRegistry.class)).hasSize(1);
		}
	}

	private static ConfigurableApplicationContext start(String... profiles) {
		List<String> args = new ArrayList<>(List.of(UNREACHABLE));
		args.add("--spring.cloud.kubernetes.client.master-url=http://" + kubernetes.getHostName() + ":"
				+ kubernetes.getPort());
		args.add("--spring.cloud.kubernetes.client.namespace=default");
		return new SpringApplicationBuilder(ProfileTestApplication.class).web(WebApplicationType.NONE)
			.profiles(profiles)
			.run(args.toArray(new String[0]));
	}

	private static KubernetesMockServer startKubernetes() {
		KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
				new KubernetesCrudDispatcher(), false);
		server.init();
		return server;
	}

	private static List<Class<?>> activeClients(ConfigurableApplicationContext context) {
		Map<String, DiscoveryClient> beans = context.getBeansOfType(DiscoveryClient.class);
		return CLIENTS.stream().filter((type) -> beans.values().stream().anyMatch(type::isInstance)).toList();
	}

	/**
	 * Auto-configuration only: the discovery starters and the gateway's
	 * {@code application.yml}, without Portico's own beans. Not a
	 * {@code @SpringBootConfiguration}, so that the other tests still find
	 * {@link GatewayApplication}.
	 */
	@EnableAutoConfiguration
	static class ProfileTestApplication {

	}

}

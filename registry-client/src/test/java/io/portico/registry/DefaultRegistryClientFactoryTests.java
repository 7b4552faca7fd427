package io.portico.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.portico.registry.testkit.ConsulEmulator;
import io.portico.registry.testkit.EurekaTestServer;
import io.portico.registry.testkit.KubernetesTestServer;
import io.portico.registry.testkit.NacosEmulator;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DefaultRegistryClientFactory}: each type gets its own ecosystem's client, and
 * the client uses the connection's settings (addresses, namespaces, groups, datacenters,
 * credentials) and the factory's options (timeouts), as observed against the testkit's
 * registries.
 */
class DefaultRegistryClientFactoryTests {

	private static final Duration VERIFY = Duration.ofSeconds(10);

	// Far below the 5 s default: a check bounded by it proves the options were used.
	private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(300);

	private final DefaultRegistryClientFactory factory = new DefaultRegistryClientFactory(new RegistryClientOptions(
			REQUEST_TIMEOUT, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(100)));

	// Starting a Nacos client takes longer than the timeout above.
	private final DefaultRegistryClientFactory nacosFactory = new DefaultRegistryClientFactory(
			new RegistryClientOptions(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(2),
					Duration.ofMillis(200)));

	@Test
	void create_kubernetesConnection_givesTheFabric8ClientOnTheApiServerWithTheToken() throws InterruptedException {
		KubernetesMockServer server = KubernetesTestServer.start();
		try (NamespacedKubernetesClient admin = KubernetesTestServer.admin(server);
				RegistryClient client = this.factory
					.create(connection(new KubernetesSettings(server.url("/"), KubernetesTestServer.TOKEN)))) {
			admin.namespaces()
				.resource(new NamespaceBuilder().withNewMetadata().withName("factory").endMetadata().build())
				.create();
			assertThat(client).isInstanceOf(KubernetesRegistryClient.class);
			StepVerifier.create(client.check()).expectComplete().verify(VERIFY);
			assertThat(server.getLastRequest().getPath()).startsWith("/api/v1/namespaces");
			assertThat(server.getLastRequest().getHeader("Authorization"))
				.isEqualTo("Bearer " + KubernetesTestServer.TOKEN);
		}
		finally {
			server.destroy();
		}
	}

	@Test
	void create_eurekaConnection_givesTheEurekaTransportClientTryingEveryServiceUrl() {
		try (EurekaTestServer eureka = EurekaTestServer.start()) {
			eureka.register("factory-app", "factory-1", "127.0.0.1", 8081);
			// The first URL is dead: the client must go on to the second.
			try (RegistryClient client = this.factory
				.create(connection(new EurekaSettings(List.of("http://127.0.0.1:1/eureka/", eureka.serviceUrl()))))) {
				assertThat(client).isInstanceOf(EurekaRegistryClient.class);
				StepVerifier.create(client.services())
					.assertNext((services) -> assertThat(services).extracting(RegistryService::name)
						.containsExactly("FACTORY-APP"))
					.expectComplete()
					.verify(VERIFY);
			}
		}
	}

	@Test
	void create_consulConnection_givesTheSpringCloudConsulClientWithTokenAndDatacenter() {
		try (ConsulEmulator consul = ConsulEmulator.start().requireToken("consul-acl-token")) {
			consul.register("orders", "orders-1", "127.0.0.1", 8080);
			try (RegistryClient client = this.factory.create(
					connection(new ConsulSettings(consul.address(), "consul-acl-token", ConsulEmulator.DATACENTER)))) {
				assertThat(client).isInstanceOf(ConsulRegistryClient.class);
				StepVerifier.create(client.services())
					.assertNext((services) -> assertThat(services).extracting(RegistryService::name).contains("orders"))
					.expectComplete()
					.verify(VERIFY);
			}
			try (RegistryClient withoutToken = this.factory
				.create(connection(new ConsulSettings(consul.address(), "", ConsulEmulator.DATACENTER)))) {
				StepVerifier.create(withoutToken.check())
					.expectErrorSatisfies((error) -> assertThat(error).hasMessageContaining("403"))
					.verify(VERIFY);
			}
			try (RegistryClient otherDatacenter = this.factory
				.create(connection(new ConsulSettings(consul.address(), "consul-acl-token", "dc-elsewhere")))) {
				StepVerifier.create(otherDatacenter.check())
					.expectErrorSatisfies((error) -> assertThat(error).hasMessageContaining("No path to datacenter"))
					.verify(VERIFY);
			}
		}
	}

	@Test
	void create_nacosConnection_givesTheNacosNamingClientWithCredentialsAndGroup() {
		try (NacosEmulator nacos = NacosEmulator.start().requireLogin("portico", "nacos-factory-pw")) {
			nacos.register("shop", "cart", "cart-1", "127.0.0.1", 8080, 1.0);
			try (RegistryClient client = this.nacosFactory
				.create(connection(new NacosSettings(nacos.address(), "portico", "nacos-factory-pw", "", "shop")))) {
				assertThat(client).isInstanceOf(NacosRegistryClient.class);
				StepVerifier.create(client.services())
					.expectNext(List.of(new RegistryService("shop", "cart", null)))
					.expectComplete()
					.verify(VERIFY);
			}
			try (RegistryClient wrongPassword = this.nacosFactory
				.create(connection(new NacosSettings(nacos.address(), "portico", "wrong", "", "shop")))) {
				StepVerifier.create(wrongPassword.check())
					.expectErrorSatisfies((error) -> assertThat(error).hasMessageContaining("user 'portico'")
						.message()
						.doesNotContain("wrong"))
					.verify(VERIFY);
			}
		}
	}

	@Test
	void create_nacosConnection_passesNamespaceAndTimeoutsToTheNacosClient() {
		try (NacosRegistryClient client = (NacosRegistryClient) this.factory
			.create(connection(new NacosSettings("127.0.0.1:8848", "portico", "pw", "team-b", "shop")))) {
			assertThat(client.properties()).containsEntry("serverAddr", "127.0.0.1:8848")
				.containsEntry("namespace", "team-b")
				.containsEntry(NacosTokenAuthService.USERNAME, "portico")
				.containsEntry(NacosTokenAuthService.TIMEOUT, "300")
				.containsEntry("namingRequestTimeout", "300");
			assertThat(System.getProperty(NacosRegistryClient.NACOS_LOGGING_PROPERTY)).isNotNull();
		}
	}

	@Test
	void create_anyConnection_boundsRequestsByTheFactorysTimeout() throws IOException {
		// Accepts connections (the kernel's backlog) and never answers.
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			String address = "http://127.0.0.1:" + silent.getLocalPort();
			for (RegistrySettings settings : List.of(new KubernetesSettings(address, "token"),
					new ConsulSettings(address, "", ""), new EurekaSettings(List.of(address + "/eureka/")))) {
				try (RegistryClient client = this.factory.create(connection(settings))) {
					long started = System.nanoTime();
					StepVerifier.create(client.check()).expectError().verify(Duration.ofSeconds(4));
					assertThat(Duration.ofNanos(System.nanoTime() - started)).as(settings.type().jsonValue())
						.isLessThan(Duration.ofSeconds(3));
				}
			}
		}
	}

	private static RegistryConnection connection(RegistrySettings settings) {
		return new RegistryConnection("r-" + settings.type().jsonValue(), "default", settings.type().jsonValue(),
				settings);
	}

}

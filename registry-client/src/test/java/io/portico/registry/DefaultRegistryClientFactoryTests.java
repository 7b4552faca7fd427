package io.portico.registry;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DefaultRegistryClientFactory}: each type gets its own ecosystem's client.
 */
class DefaultRegistryClientFactoryTests {

	private final DefaultRegistryClientFactory factory = new DefaultRegistryClientFactory(
			RegistryClientOptions.defaults());

	@Test
	void create_kubernetesConnection_givesTheFabric8Client() {
		try (RegistryClient client = this.factory.create(new RegistryConnection("r1", "default", "k8s",
				new KubernetesSettings("https://127.0.0.1:6443", "token")))) {
			assertThat(client).isInstanceOf(KubernetesRegistryClient.class);
		}
	}

	@Test
	void create_eurekaConnection_givesTheEurekaTransportClient() {
		try (RegistryClient client = this.factory.create(new RegistryConnection("r2", "default", "eureka",
				new EurekaSettings(List.of("http://127.0.0.1:8761/eureka/"))))) {
			assertThat(client).isInstanceOf(EurekaRegistryClient.class);
		}
	}

	@Test
	void create_consulConnection_givesTheSpringCloudConsulClient() {
		try (RegistryClient client = this.factory.create(new RegistryConnection("r3", "default", "consul",
				new ConsulSettings("http://127.0.0.1:8500", "", "")))) {
			assertThat(client).isInstanceOf(ConsulRegistryClient.class);
		}
	}

	@Test
	void create_nacosConnection_givesTheNacosNamingClient() {
		try (RegistryClient client = this.factory.create(new RegistryConnection("r4", "default", "nacos",
				new NacosSettings("127.0.0.1:8848", "", "", "", "")))) {
			assertThat(client).isInstanceOf(NacosRegistryClient.class);
		}
	}

}

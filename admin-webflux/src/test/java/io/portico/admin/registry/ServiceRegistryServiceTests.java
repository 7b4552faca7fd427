package io.portico.admin.registry;

import io.portico.admin.web.ApiException;
import io.portico.admin.web.ApiFieldError;
import io.portico.registry.ConsulSettings;
import io.portico.registry.KubernetesSettings;
import io.portico.registry.NacosSettings;
import io.portico.registry.RegistrySettings;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How a request becomes registry settings: exactly one block, secrets kept or cleared,
 * and the shared rules applied, without a database.
 */
class ServiceRegistryServiceTests {

	@Test
	void settings_withoutSecret_keepsTheStoredOneOfTheSameTypeOnly() {
		RegistrySettings stored = new ConsulSettings("http://old:8500", "stored-token", "dc1");
		assertThat(ServiceRegistryService.settings(consul("http://new:8500", null), stored))
			.isEqualTo(new ConsulSettings("http://new:8500", "stored-token", ""));
		assertThat(ServiceRegistryService.settings(consul("http://new:8500", ""), stored))
			.isEqualTo(new ConsulSettings("http://new:8500", "", ""));
		assertThat(ServiceRegistryService.settings(consul("http://new:8500", "other"), stored))
			.isEqualTo(new ConsulSettings("http://new:8500", "other", ""));
		assertThat(ServiceRegistryService.settings(consul("http://new:8500", null),
				new KubernetesSettings("https://k8s:6443", "k8s-token")))
			.isEqualTo(new ConsulSettings("http://new:8500", "", ""));
	}

	@Test
	void settings_nacosWithKeptPassword_passesTheTogetherRule() {
		RegistrySettings stored = new NacosSettings("n:8848", "nacos", "pw", "", "");
		ServiceRegistryRequest request = new ServiceRegistryRequest(null, "n", "nacos", null, null, null, null,
				new ServiceRegistryRequest.Nacos("n:8848", "nacos", null, "ns", "G"));
		assertThat(ServiceRegistryService.settings(request, stored))
			.isEqualTo(new NacosSettings("n:8848", "nacos", "pw", "ns", "G"));
	}

	@Test
	void settings_withTwoBlocksAndNone_namesEachBlock() {
		ServiceRegistryRequest twoBlocks = new ServiceRegistryRequest(null, "n", "kubernetes", null, null,
				new ServiceRegistryRequest.Consul("http://c:8500", null, null), null, null);
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> ServiceRegistryService.settings(twoBlocks, null))
			.satisfies((ex) -> assertThat(ex.getErrors()).extracting(ApiFieldError::field)
				.containsExactly("kubernetes", "consul"));
	}

	@Test
	void settings_unknownType_listsTheFour() {
		ServiceRegistryRequest request = new ServiceRegistryRequest(null, "n", "etcd", null, null, null, null, null);
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> ServiceRegistryService.settings(request, null))
			.satisfies((ex) -> assertThat(ex.getErrors()).singleElement()
				.satisfies((error) -> assertThat(error.field()).isEqualTo("type"))
				.satisfies((error) -> assertThat(error.message()).contains("kubernetes, consul, eureka, nacos")));
	}

	@Test
	void settings_invalidBlock_namesTheFieldWithoutTheSecret() {
		ServiceRegistryRequest request = new ServiceRegistryRequest(null, "n", "kubernetes", null,
				new ServiceRegistryRequest.Kubernetes("ftp://k8s", "very-secret"), null, null, null);
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> ServiceRegistryService.settings(request, null))
			.satisfies((ex) -> assertThat(ex.getErrors()).extracting(ApiFieldError::field)
				.containsExactly("kubernetes.api_server"))
			.satisfies((ex) -> assertThat(ex.getMessage() + ex.getErrors()).doesNotContain("very-secret"));
		assertThat(request.toString()).doesNotContain("very-secret");
	}

	@Test
	void keepsUnreadableSecret_sameTypeWithoutTheSecret_isRefusedNamingTheField_otherwiseAllowed() {
		ServiceRegistryRow unreadable = new ServiceRegistryRow("c", "default", "c", "",
				new ConsulSettings("http://old:8500", "", ""), "unhealthy", null, null, null, null, 3,
				SecretsState.UNREADABLE, "secret unreadable with the configured key (key id 1e673c7b): …");

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> ServiceRegistryService.keepsUnreadableSecret(consul("http://new:8500", null), unreadable))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.CONFLICT))
			.satisfies((ex) -> assertThat(ex.getErrors()).singleElement()
				.satisfies((error) -> assertThat(error.field()).isEqualTo("consul.token"))
				.satisfies((error) -> assertThat(error.message()).contains("key id 1e673c7b")));
		ServiceRegistryService.keepsUnreadableSecret(consul("http://new:8500", "sent-again"), unreadable);
		ServiceRegistryService.keepsUnreadableSecret(consul("http://new:8500", ""), unreadable);
		ServiceRegistryService.keepsUnreadableSecret(new ServiceRegistryRequest(null, "c", "kubernetes", null,
				new ServiceRegistryRequest.Kubernetes("https://k8s:6443", null), null, null, null), unreadable);
		ServiceRegistryService.keepsUnreadableSecret(consul("http://new:8500", null),
				new ServiceRegistryRow("c", "default", "c", "", new ConsulSettings("http://old:8500", "t", ""),
						"healthy", null, null, null, null, 3));
	}

	private static ServiceRegistryRequest consul(String address, String token) {
		return new ServiceRegistryRequest(null, "c", "consul", null, null,
				new ServiceRegistryRequest.Consul(address, token, null), null, null);
	}

}

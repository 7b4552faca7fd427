package io.portico.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.portico.registry.testkit.KubernetesTestServer;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KubernetesRegistryClient} when its API server goes away: a failure, never an
 * empty list, and no token in any message or log line.
 */
class KubernetesRegistryClientStopTests {

	@Test
	void watch_afterServerIsDestroyed_reportsFailureAndNeverAnEmptyList() {
		KubernetesMockServer server = KubernetesTestServer.start();
		RegistryClientOptions options = new RegistryClientOptions(Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(5), Duration.ofMillis(100));
		try (NamespacedKubernetesClient admin = KubernetesTestServer.admin(server);
				LogCapture log = new LogCapture();
				KubernetesRegistryClient client = new KubernetesRegistryClient(settings(server), options)) {
			admin.discovery()
				.v1()
				.endpointSlices()
				.inNamespace("shop")
				.resource(KubernetesTestServer.slice("shop", "cart", "cart-a", Map.of("http", 8080),
						List.of("10.3.0.1"), List.of()))
				.create();
			StepVerifier.create(client.watch(new ServiceRef("shop", "cart", null)).take(Duration.ofSeconds(4)))
				.expectNext(new EndpointsUpdate.Endpoints(List.of(new Endpoint("10.3.0.1", 8080, 100))))
				.then(server::destroy)
				.assertNext((update) -> assertThat(update).isInstanceOfSatisfying(EndpointsUpdate.Failure.class,
						(failure) -> assertThat(failure.message())
							.startsWith("cannot connect to Kubernetes API server " + server.url("/"))))
				// Retries fail the same way (not repeated); never an empty list.
				.expectComplete()
				.verify(Duration.ofSeconds(10));
			assertThat(log.text()).isNotEmpty().doesNotContain(KubernetesTestServer.TOKEN);
		}
	}

	private static KubernetesSettings settings(KubernetesMockServer server) {
		return new KubernetesSettings(server.url("/"), KubernetesTestServer.TOKEN);
	}

}

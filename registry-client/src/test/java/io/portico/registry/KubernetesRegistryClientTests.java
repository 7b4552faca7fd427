package io.portico.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.portico.registry.testkit.KubernetesTestServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KubernetesRegistryClient} against fabric8's Kubernetes mock server in CRUD mode.
 * Each test works in its own namespace.
 */
class KubernetesRegistryClientTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final RegistryClientOptions OPTIONS = new RegistryClientOptions(Duration.ofSeconds(2),
			Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(100));

	private static KubernetesMockServer server;

	private static NamespacedKubernetesClient admin;

	@BeforeAll
	static void startServer() {
		server = KubernetesTestServer.start();
		admin = KubernetesTestServer.admin(server);
	}

	@AfterAll
	static void stopServer() {
		admin.close();
		server.destroy();
	}

	private static KubernetesRegistryClient client() {
		return new KubernetesRegistryClient(settings(server), OPTIONS);
	}

	@Test
	void check_againstApiServer_succeeds() {
		admin.namespaces()
			.resource(new NamespaceBuilder().withNewMetadata().withName("ns-check").endMetadata().build())
			.create();
		try (KubernetesRegistryClient client = client()) {
			StepVerifier.create(client.check()).expectComplete().verify(TIMEOUT);
		}
	}

	@Test
	void check_whenTheTokenIsRefused_failsWith401AndNeverShowsTheToken() {
		server.expect()
			.get()
			.withPath("/api/v1/namespaces?limit=1")
			.andReturn(401, new StatusBuilder().withCode(401).withMessage("Unauthorized").build())
			.once();
		try (LogCapture log = new LogCapture(); KubernetesRegistryClient client = client()) {
			StepVerifier.create(client.check()).expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(RegistryException.class)
					.hasMessage("Kubernetes API server " + server.url("/") + " refused the token (401 Unauthorized)");
				assertThat(error.toString()).doesNotContain(KubernetesTestServer.TOKEN);
			}).verify(TIMEOUT);
			assertThat(log.text()).doesNotContain(KubernetesTestServer.TOKEN);
		}
	}

	@Test
	void check_againstNothing_failsNamingTheAddressAndNeverTheToken() {
		try (KubernetesRegistryClient client = new KubernetesRegistryClient(
				new KubernetesSettings("http://127.0.0.1:1", KubernetesTestServer.TOKEN), OPTIONS)) {
			StepVerifier.create(client.check())
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(RegistryException.class)
					.hasMessageStartingWith("cannot connect to Kubernetes API server http://127.0.0.1:1/")
					.message()
					.doesNotContain(KubernetesTestServer.TOKEN))
				.verify(TIMEOUT);
		}
	}

	@Test
	void services_listsServicesOfAllNamespacesWithNamedPorts() {
		admin.services()
			.inNamespace("ns-browse-b")
			.resource(new ServiceBuilder().withNewMetadata()
				.withName("orders")
				.endMetadata()
				.withNewSpec()
				.addNewPort()
				.withName("http")
				.withPort(80)
				.endPort()
				.addNewPort()
				.withName("metrics")
				.withPort(9090)
				.endPort()
				.endSpec()
				.build())
			.create();
		admin.services()
			.inNamespace("ns-browse-a")
			.resource(new ServiceBuilder().withNewMetadata()
				.withName("httpbin")
				.endMetadata()
				.withNewSpec()
				.addNewPort()
				.withPort(80)
				.endPort()
				.endSpec()
				.build())
			.create();
		try (KubernetesRegistryClient client = client()) {
			StepVerifier.create(client.services())
				.assertNext((services) -> assertThat(services).containsSubsequence(
						new RegistryService("ns-browse-a", "httpbin", List.of()),
						new RegistryService("ns-browse-b", "orders", List.of("http", "metrics"))))
				.expectComplete()
				.verify(TIMEOUT);
		}
	}

	@Test
	void watch_emitsReadyEndpointsThenAdditionsWithinASecondThenRemovals() {
		String ns = "ns-watch";
		admin.discovery()
			.v1()
			.endpointSlices()
			.inNamespace(ns)
			.resource(KubernetesTestServer.slice(ns, "httpbin", "httpbin-a", Map.of("http", 8080),
					List.of("10.0.0.2", "10.0.0.1"), List.of("10.0.0.9")))
			.create();
		// Another service's slice in the same namespace must not leak in.
		admin.discovery()
			.v1()
			.endpointSlices()
			.inNamespace(ns)
			.resource(KubernetesTestServer.slice(ns, "other", "other-a", Map.of("http", 8080), List.of("10.9.9.9"),
					List.of()))
			.create();
		// Measured from the moment the API server has accepted the change.
		AtomicLong changedAt = new AtomicLong();
		try (KubernetesRegistryClient client = client()) {
			StepVerifier.create(client.watch(new ServiceRef(ns, "httpbin", null)))
				.expectNext(endpoints(new Endpoint("10.0.0.1", 8080, 100), new Endpoint("10.0.0.2", 8080, 100)))
				.then(() -> {
					replace(KubernetesTestServer.slice(ns, "httpbin", "httpbin-a", Map.of("http", 8080),
							List.of("10.0.0.2", "10.0.0.1", "10.0.0.3"), List.of("10.0.0.9")));
					changedAt.set(System.nanoTime());
				})
				.assertNext((added) -> {
					assertThat(added).isEqualTo(endpoints(new Endpoint("10.0.0.1", 8080, 100),
							new Endpoint("10.0.0.2", 8080, 100), new Endpoint("10.0.0.3", 8080, 100)));
					assertThat(millisSince(changedAt)).isLessThan(1000);
				})
				.then(() -> {
					replace(KubernetesTestServer.slice(ns, "httpbin", "httpbin-a", Map.of("http", 8080),
							List.of("10.0.0.3"), List.of("10.0.0.1", "10.0.0.2")));
					changedAt.set(System.nanoTime());
				})
				.assertNext((removed) -> {
					assertThat(removed).isEqualTo(endpoints(new Endpoint("10.0.0.3", 8080, 100)));
					assertThat(millisSince(changedAt)).isLessThan(1000);
				})
				.then(() -> admin.discovery().v1().endpointSlices().inNamespace(ns).withName("httpbin-a").delete())
				.expectNext(endpoints())
				.thenCancel()
				.verify(TIMEOUT);
		}
	}

	@Test
	void watch_combinesSeveralSlicesOfOneService() {
		String ns = "ns-slices";
		admin.discovery()
			.v1()
			.endpointSlices()
			.inNamespace(ns)
			.resource(
					KubernetesTestServer.slice(ns, "web", "web-a", Map.of("http", 80), List.of("10.1.0.2"), List.of()))
			.create();
		try (KubernetesRegistryClient client = client()) {
			StepVerifier.create(client.watch(new ServiceRef(ns, "web", "")))
				.expectNext(endpoints(new Endpoint("10.1.0.2", 80, 100)))
				.then(() -> admin.discovery()
					.v1()
					.endpointSlices()
					.inNamespace(ns)
					.resource(KubernetesTestServer.slice(ns, "web", "web-b", Map.of("http", 80),
							List.of("10.1.0.1", "10.1.0.2"), List.of()))
					.create())
				.expectNext(endpoints(new Endpoint("10.1.0.1", 80, 100), new Endpoint("10.1.0.2", 80, 100)))
				.thenCancel()
				.verify(TIMEOUT);
		}
	}

	@Test
	void watch_selectsThePortByName() {
		String ns = "ns-ports";
		admin.discovery()
			.v1()
			.endpointSlices()
			.inNamespace(ns)
			.resource(KubernetesTestServer.slice(ns, "api", "api-a", Map.of("http", 8080, "metrics", 9090),
					List.of("10.2.0.1"), List.of()))
			.create();
		try (KubernetesRegistryClient client = client()) {
			StepVerifier.create(client.watch(new ServiceRef(ns, "api", "metrics")))
				.expectNext(endpoints(new Endpoint("10.2.0.1", 9090, 100)))
				.thenCancel()
				.verify(TIMEOUT);
			StepVerifier.create(client.watch(new ServiceRef(ns, "api", null)))
				.assertNext((update) -> assertThat(update).isInstanceOfSatisfying(EndpointsUpdate.Failure.class,
						(failure) -> assertThat(failure.message()).contains("ns-ports/api")
							.contains("[http, metrics]")
							.contains("port_name")))
				.thenCancel()
				.verify(TIMEOUT);
			StepVerifier.create(client.watch(new ServiceRef(ns, "api", "grpc")))
				.assertNext((update) -> assertThat(update).isInstanceOfSatisfying(EndpointsUpdate.Failure.class,
						(failure) -> assertThat(failure.message()).contains("no port named 'grpc'")))
				.thenCancel()
				.verify(TIMEOUT);
		}
	}

	@Test
	void watch_ofAServiceWithoutSlices_isAnEmptyList() {
		try (KubernetesRegistryClient client = client()) {
			StepVerifier.create(client.watch(new ServiceRef("ns-empty", "nothing", null)))
				.expectNext(endpoints())
				.thenCancel()
				.verify(TIMEOUT);
		}
	}

	@Test
	void watch_withoutNamespace_readsTheDefaultNamespace() {
		admin.discovery()
			.v1()
			.endpointSlices()
			.inNamespace("default")
			.resource(KubernetesTestServer.slice("default", "plain", "plain-a", Map.of("http", 80), List.of("10.4.0.1"),
					List.of()))
			.create();
		try (KubernetesRegistryClient client = client()) {
			StepVerifier.create(client.watch(new ServiceRef("", "plain", null)))
				.expectNext(endpoints(new Endpoint("10.4.0.1", 80, 100)))
				.thenCancel()
				.verify(TIMEOUT);
		}
	}

	@Test
	void close_completesOpenWatches() {
		KubernetesRegistryClient client = client();
		StepVerifier.create(client.watch(new ServiceRef("ns-close", "nothing", null)))
			.expectNext(endpoints())
			.then(client::close)
			.expectComplete()
			.verify(TIMEOUT);
	}

	private static long millisSince(AtomicLong nanos) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos.get());
	}

	private static void replace(EndpointSlice slice) {
		admin.discovery()
			.v1()
			.endpointSlices()
			.inNamespace(slice.getMetadata().getNamespace())
			.resource(slice)
			.update();
	}

	private static EndpointsUpdate endpoints(Endpoint... endpoints) {
		return new EndpointsUpdate.Endpoints(List.of(endpoints));
	}

	private static KubernetesSettings settings(KubernetesMockServer server) {
		return new KubernetesSettings(server.url("/"), KubernetesTestServer.TOKEN);
	}

}

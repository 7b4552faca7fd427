package io.portico.gateway.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.Node;
import io.portico.gateway.upstream.UpstreamBalancer;
import io.portico.registry.ConsulSettings;
import io.portico.registry.Endpoint;
import io.portico.registry.KubernetesSettings;
import io.portico.registry.NacosSettings;
import io.portico.registry.RegistryConnection;
import io.portico.registry.RegistryException;
import io.portico.registry.ServiceRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DiscoveryEndpointsTests {

	private static final RegistryConnection K8S = new RegistryConnection("reg-k", "default", "k8s",
			new KubernetesSettings("https://k8s.example:6443", "k8s-secret-token"));

	private static final DiscoveryKey HTTPBIN = new DiscoveryKey("reg-k", "default", "httpbin", null);

	private static final ServiceRef HTTPBIN_REF = new ServiceRef("default", "httpbin", null);

	private final FakeRegistryClientFactory registry = new FakeRegistryClientFactory();

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final DiscoveryEndpoints endpoints = new DiscoveryEndpoints(this.registry, this.events::add, this.meters,
			"default");

	@AfterEach
	void close() {
		this.endpoints.close();
	}

	@Test
	void update_announcedEndpoints_areBalancedByRegistryWeight() {
		this.endpoints.update(List.of(K8S), Set.of(HTTPBIN));
		this.registry.announce("reg-k", HTTPBIN_REF, new Endpoint("10.0.0.1", 80, 100),
				new Endpoint("10.0.0.2", 80, 300));
		await(() -> this.endpoints.endpoints(HTTPBIN).endpoints().size() == 2);

		List<String> picks = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			picks.add(balancer().next().host());
		}
		assertThat(picks).filteredOn("10.0.0.1"::equals).hasSize(2);
		assertThat(picks).filteredOn("10.0.0.2"::equals).hasSize(6);
	}

	@Test
	void balancer_beforeAnyUpdate_hasNoNodeAndSaysSo() {
		this.endpoints.update(List.of(K8S), Set.of(HTTPBIN));
		assertThat(balancer().next()).isNull();
		assertThat(balancer().unavailableReason()).contains("no endpoint").contains("httpbin").contains("known yet");
	}

	@Test
	void failure_keepsLastEndpointsMarksStaleAndRecoveryClearsIt() {
		this.endpoints.update(List.of(K8S), Set.of(HTTPBIN));
		this.registry.announce("reg-k", HTTPBIN_REF, new Endpoint("10.0.0.1", 80, 100));
		await(() -> balancer().next() != null);

		this.registry.fail("reg-k", HTTPBIN_REF, "401 Unauthorized with token k8s-secret-token");
		await(() -> this.endpoints.staleCount() == 1);
		assertThat(balancer().next()).isEqualTo(new Node("10.0.0.1", 80, 100));
		DiscoveryStatus stale = this.endpoints.statuses().get(0);
		assertThat(stale.stale()).isTrue();
		assertThat(stale.endpoints()).isEqualTo(1);
		assertThat(stale.lastError()).isEqualTo("401 Unauthorized with token ******");
		assertThat(this.meters.get(DiscoveryEndpoints.STALE_METRIC).gauge().value()).isEqualTo(1.0);

		this.registry.announce("reg-k", HTTPBIN_REF, new Endpoint("10.0.0.3", 80, 100));
		await(() -> this.endpoints.staleCount() == 0);
		assertThat(balancer().next().host()).isEqualTo("10.0.0.3");
		assertThat(this.endpoints.statuses().get(0).lastError()).isNull();
		assertThat(this.events).hasAtLeastOneElementOfType(DiscoveryChangedEvent.class);
	}

	@Test
	void update_sameSettings_keepsTheClientAndTheWatch() {
		this.endpoints.update(List.of(K8S), Set.of(HTTPBIN));
		this.endpoints.update(List.of(new RegistryConnection("reg-k", "default", "renamed", K8S.settings())),
				Set.of(HTTPBIN));
		assertThat(this.registry.created()).hasSize(1);
		assertThat(this.registry.watching("reg-k", HTTPBIN_REF)).isEqualTo(1);
		assertThat(this.registry.closed("reg-k")).isZero();
	}

	@Test
	void update_changedSettings_rebuildsTheClientClosesTheOldAndKeepsServingMeanwhile() {
		this.endpoints.update(List.of(K8S), Set.of(HTTPBIN));
		this.registry.announce("reg-k", HTTPBIN_REF, new Endpoint("10.0.0.1", 80, 100));
		await(() -> balancer().next() != null);

		this.endpoints.update(List.of(new RegistryConnection("reg-k", "default", "k8s",
				new KubernetesSettings("https://k8s.example:6443", "rotated-token"))), Set.of(HTTPBIN));
		assertThat(balancer().next()).isNotNull();
		assertThat(this.registry.created()).hasSize(2);
		await(() -> this.registry.closed("reg-k") == 1);
		assertThat(this.registry.watching("reg-k", HTTPBIN_REF)).isEqualTo(1);
	}

	@Test
	void update_serviceNoLongerUsed_releasesItsWatch_andGoneConnectionIsClosed() {
		this.endpoints.update(List.of(K8S), Set.of(HTTPBIN));
		assertThat(this.registry.watching("reg-k", HTTPBIN_REF)).isEqualTo(1);

		this.endpoints.update(List.of(K8S), Set.of());
		assertThat(this.registry.watching("reg-k", HTTPBIN_REF)).isZero();
		assertThat(this.endpoints.statuses()).isEmpty();

		this.endpoints.update(List.of(), Set.of());
		await(() -> this.registry.closed("reg-k") == 1);
	}

	@Test
	void close_closesEveryClient() {
		this.endpoints.update(List.of(K8S), Set.of(HTTPBIN));
		this.endpoints.close();
		assertThat(this.registry.closed("reg-k")).isEqualTo(1);
		assertThat(this.registry.watching("reg-k", HTTPBIN_REF)).isZero();
	}

	@Test
	void update_clientCannotBeCreated_reportsStaleWithTheScrubbedMessage() {
		DiscoveryEndpoints failing = new DiscoveryEndpoints((connection) -> {
			throw new RegistryException("no client for token k8s-secret-token", null);
		}, this.events::add, this.meters, "other");
		failing.update(List.of(K8S), Set.of(HTTPBIN));
		assertThat(failing.statuses()).singleElement().satisfies((status) -> {
			assertThat(status.stale()).isTrue();
			assertThat(status.lastError()).contains("cannot create the kubernetes client").doesNotContain("k8s-secret");
		});
		assertThat(failing.balancer(new DiscoveryUpstream("reg-k", "default", "httpbin", null)).next()).isNull();
		failing.close();
	}

	@Test
	void serviceRef_nacosWithoutGroup_usesTheConnectionsGroup_andPortNameOnlyForKubernetes() {
		RegistryConnection nacos = new RegistryConnection("reg-n", "default", "nacos",
				new NacosSettings("127.0.0.1:8848", "", "", "public", "PORTICO"));
		assertThat(DiscoveryEndpoints.serviceRef(nacos, new DiscoveryKey("reg-n", "", "orders", "http")))
			.isEqualTo(new ServiceRef("PORTICO", "orders", null));
		assertThat(DiscoveryEndpoints.serviceRef(K8S, new DiscoveryKey("reg-k", "shop", "orders", "http")))
			.isEqualTo(new ServiceRef("shop", "orders", "http"));
		RegistryConnection consul = new RegistryConnection("reg-c", "default", "consul",
				new ConsulSettings("http://127.0.0.1:8500", "", "dc1"));
		assertThat(DiscoveryEndpoints.serviceRef(consul, new DiscoveryKey("reg-c", "", "orders", null)))
			.isEqualTo(new ServiceRef("", "orders", null));
	}

	private UpstreamBalancer balancer() {
		return this.endpoints.balancer(new DiscoveryUpstream("reg-k", "default", "httpbin", null));
	}

	private static void await(BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
			Thread.onSpinWait();
		}
	}

}

package io.portico.registry;

import java.time.Duration;
import java.util.List;

import io.portico.registry.testkit.ConsulEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ConsulRegistryClient} against {@link ConsulEmulator}, an emulation of Consul's
 * documented HTTP API (no Consul server can run here).
 */
class ConsulRegistryClientAgainstEmulatedConsulApiTests {

	private static final String TOKEN = "s3cr3t-consul-acl-token";

	private static final RegistryClientOptions OPTIONS = new RegistryClientOptions(Duration.ofSeconds(2),
			Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMillis(100));

	private ConsulEmulator consul;

	@BeforeEach
	void startConsul() {
		this.consul = ConsulEmulator.start().requireToken(TOKEN);
	}

	@AfterEach
	void stopConsul() {
		this.consul.close();
	}

	private ConsulRegistryClient client(String token) {
		return new ConsulRegistryClient(new ConsulSettings(this.consul.address(), token, ""), OPTIONS);
	}

	@Test
	void check_withRightToken_succeeds() {
		try (ConsulRegistryClient client = client(TOKEN)) {
			StepVerifier.create(client.check()).verifyComplete();
		}
	}

	@Test
	void check_withWrongToken_failsNamingAclWithoutTheToken() {
		try (ConsulRegistryClient client = client("wrong-" + TOKEN)) {
			StepVerifier.create(client.check())
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(RegistryException.class)
					.hasMessage("Consul at " + this.consul.address() + " rejected the ACL token (403 ACL not found)")
					.hasMessageNotContaining(TOKEN))
				.verify(Duration.ofSeconds(5));
		}
	}

	@Test
	void check_withUnknownDatacenter_failsNamingIt() {
		try (ConsulRegistryClient client = new ConsulRegistryClient(
				new ConsulSettings(this.consul.address(), TOKEN, "dc9"), OPTIONS)) {
			StepVerifier.create(client.check())
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(RegistryException.class)
					.hasMessageContaining("answered 500: No path to datacenter"))
				.verify(Duration.ofSeconds(5));
		}
	}

	@Test
	void check_withWrongAddress_failsAsUnreachable() {
		int port = this.consul.port();
		this.consul.stop();
		try (ConsulRegistryClient client = new ConsulRegistryClient(
				new ConsulSettings("http://127.0.0.1:" + port, TOKEN, ""), OPTIONS)) {
			StepVerifier.create(client.check())
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(RegistryException.class)
					.hasMessageStartingWith("Consul at http://127.0.0.1:" + port + " is unreachable")
					.hasMessageNotContaining(TOKEN))
				.verify(Duration.ofSeconds(5));
		}
	}

	@Test
	void services_listsCatalogSorted() {
		this.consul.register("web", "web-1", "127.0.0.1", 8080);
		this.consul.register("api", "api-1", "127.0.0.1", 8081);
		try (ConsulRegistryClient client = client(TOKEN)) {
			StepVerifier.create(client.services())
				.assertNext((services) -> assertThat(services).containsExactly(new RegistryService("", "api", null),
						new RegistryService("", "consul", null), new RegistryService("", "web", null)))
				.verifyComplete();
		}
	}

	@Test
	void watch_followsAdditionsAndRemovalsWithinOneSecondWithWeightsScaled() {
		this.consul.register("httpbin", "httpbin-1", "10.0.0.1", 8080);
		this.consul.register("httpbin", "httpbin-2", "", 8081, 3);
		try (ConsulRegistryClient client = client(TOKEN)) {
			StepVerifier.create(client.watch(new ServiceRef("", "httpbin", null)))
				.expectNext(endpoints(new Endpoint("10.0.0.1", 8080, 100), new Endpoint("127.0.0.1", 8081, 300)))
				.then(() -> awaitBlocked(1))
				.then(() -> this.consul.register("httpbin", "httpbin-3", "10.0.0.3", 8082))
				.expectNextMatches((update) -> update.equals(endpoints(new Endpoint("10.0.0.1", 8080, 100),
						new Endpoint("10.0.0.3", 8082, 100), new Endpoint("127.0.0.1", 8081, 300))))
				.then(() -> this.consul.deregister("httpbin", "httpbin-1"))
				.expectNext(endpoints(new Endpoint("10.0.0.3", 8082, 100), new Endpoint("127.0.0.1", 8081, 300)))
				.then(() -> this.consul.setCheckStatus("httpbin-3", "critical"))
				.expectNext(endpoints(new Endpoint("127.0.0.1", 8081, 300)))
				.thenCancel()
				.verify(Duration.ofSeconds(5));
		}
	}

	@Test
	void watch_deliversAChangeWithinOneSecond() {
		this.consul.register("httpbin", "httpbin-1", "10.0.0.1", 8080);
		try (ConsulRegistryClient client = client(TOKEN)) {
			long[] changedAt = new long[1];
			StepVerifier.create(client.watch(new ServiceRef("", "httpbin", null)))
				.expectNextCount(1)
				.then(() -> awaitBlocked(1))
				.then(() -> {
					changedAt[0] = System.nanoTime();
					this.consul.register("httpbin", "httpbin-2", "10.0.0.2", 8080);
				})
				.assertNext((update) -> assertThat(Duration.ofNanos(System.nanoTime() - changedAt[0]))
					.isLessThan(Duration.ofSeconds(1)))
				.thenCancel()
				.verify(Duration.ofSeconds(5));
		}
	}

	@Test
	void watch_whenConsulStops_reportsFailureNeverAnEmptyListAndRecovers() {
		this.consul.register("httpbin", "httpbin-1", "10.0.0.1", 8080);
		try (ConsulRegistryClient client = client(TOKEN)) {
			StepVerifier.create(client.watch(new ServiceRef("", "httpbin", null)))
				.expectNext(endpoints(new Endpoint("10.0.0.1", 8080, 100)))
				.then(() -> awaitBlocked(1))
				.then(this.consul::stop)
				.assertNext((update) -> assertThat(update).isInstanceOfSatisfying(EndpointsUpdate.Failure.class,
						(failure) -> assertThat(failure.message()).contains("unreachable").doesNotContain(TOKEN)))
				.then(this.consul::restart)
				.expectNext(endpoints(new Endpoint("10.0.0.1", 8080, 100)))
				.thenCancel()
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void watch_withWrongToken_reportsFailureWithoutTheToken() {
		try (ConsulRegistryClient client = client("wrong-" + TOKEN)) {
			StepVerifier.create(client.watch(new ServiceRef("", "httpbin", null)))
				.assertNext((update) -> assertThat(update).isEqualTo(new EndpointsUpdate.Failure(
						"Consul at " + this.consul.address() + " rejected the ACL token (403 ACL not found)")))
				.thenCancel()
				.verify(Duration.ofSeconds(5));
		}
	}

	@Test
	void nextIndex_followsConsulResetRules() {
		assertThat(ConsulRegistryClient.nextIndex(0, "42")).isEqualTo(42);
		assertThat(ConsulRegistryClient.nextIndex(42, "40")).isZero();
		assertThat(ConsulRegistryClient.nextIndex(0, "0")).isEqualTo(1);
		assertThat(ConsulRegistryClient.nextIndex(5, null)).isZero();
	}

	private void awaitBlocked(int queries) {
		long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		while (this.consul.blockedQueries() < queries) {
			assertThat(System.nanoTime()).as("a blocking query parked in time").isLessThan(deadline);
			Thread.onSpinWait();
		}
	}

	private static EndpointsUpdate endpoints(Endpoint... endpoints) {
		return new EndpointsUpdate.Endpoints(List.of(endpoints));
	}

}

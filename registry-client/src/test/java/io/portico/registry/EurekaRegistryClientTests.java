package io.portico.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.portico.registry.testkit.EurekaTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EurekaRegistryClient} against a real in-process Eureka server.
 */
class EurekaRegistryClientTests {

	private static final RegistryClientOptions OPTIONS = new RegistryClientOptions(Duration.ofSeconds(2),
			Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofMillis(100));

	private static EurekaTestServer eureka;

	@BeforeAll
	static void startEureka() {
		eureka = EurekaTestServer.start();
	}

	@AfterAll
	static void stopEureka() {
		eureka.close();
	}

	private static EurekaRegistryClient client() {
		return new EurekaRegistryClient(new EurekaSettings(List.of(eureka.serviceUrl())), OPTIONS);
	}

	@Test
	void check_againstRunningServer_succeeds() {
		try (EurekaRegistryClient client = client()) {
			StepVerifier.create(client.check()).expectComplete().verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void check_withDeadFirstUrl_triesTheNextOne() {
		try (EurekaRegistryClient client = new EurekaRegistryClient(
				new EurekaSettings(List.of("http://127.0.0.1:1/eureka/", eureka.serviceUrl())), OPTIONS)) {
			StepVerifier.create(client.check()).expectComplete().verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void check_againstNothing_failsNamingTheUrl() {
		try (EurekaRegistryClient client = new EurekaRegistryClient(
				new EurekaSettings(List.of("http://127.0.0.1:1/eureka/")), OPTIONS)) {
			StepVerifier.create(client.check())
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(RegistryException.class)
					.hasMessageContaining("http://127.0.0.1:1/eureka/")
					.hasMessageContaining("cannot connect"))
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void services_listsRegisteredApplications() {
		eureka.register("browse-b", "browse-b-1", "127.0.0.1", 9001);
		eureka.register("browse-a", "browse-a-1", "127.0.0.1", 9002);
		try (EurekaRegistryClient client = client()) {
			StepVerifier.create(client.services())
				.assertNext((services) -> assertThat(services).containsSubsequence(
						new RegistryService("", "BROWSE-A", List.of()), new RegistryService("", "BROWSE-B", List.of())))
				.expectComplete()
				.verify(Duration.ofSeconds(10));
		}
		finally {
			eureka.deregister("browse-a", "browse-a-1");
			eureka.deregister("browse-b", "browse-b-1");
		}
	}

	@Test
	void watch_followsRegistrationsAndRemovals() {
		eureka.register("follow", "follow-1", "127.0.0.11", 8081);
		try (EurekaRegistryClient client = client()) {
			StepVerifier.create(client.watch(new ServiceRef("", "follow", null)))
				.expectNext(endpoints(new Endpoint("127.0.0.11", 8081, 100)))
				.then(() -> eureka.register("follow", "follow-2", "127.0.0.12", 8082, Map.of("weight", "30")))
				.expectNext(endpoints(new Endpoint("127.0.0.11", 8081, 100), new Endpoint("127.0.0.12", 8082, 30)))
				.then(() -> eureka.deregister("follow", "follow-1"))
				.expectNext(endpoints(new Endpoint("127.0.0.12", 8082, 30)))
				.thenCancel()
				.verify(Duration.ofSeconds(15));
		}
		finally {
			eureka.deregister("follow", "follow-2");
		}
	}

	@Test
	void watch_changesArriveWithinFiveSecondsWithDefaultOptions() {
		// Measured from the moment Eureka has accepted the change.
		AtomicLong changedAt = new AtomicLong();
		try (EurekaRegistryClient client = new EurekaRegistryClient(new EurekaSettings(List.of(eureka.serviceUrl())),
				RegistryClientOptions.defaults())) {
			StepVerifier.create(client.watch(new ServiceRef("", "bound", null))).expectNext(endpoints()).then(() -> {
				eureka.register("bound", "bound-1", "127.0.0.13", 8083);
				changedAt.set(System.nanoTime());
			}).assertNext((added) -> {
				assertThat(added).isEqualTo(endpoints(new Endpoint("127.0.0.13", 8083, 100)));
				assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changedAt.get())).isLessThan(5000);
			}).then(() -> {
				eureka.deregister("bound", "bound-1");
				changedAt.set(System.nanoTime());
			}).assertNext((removed) -> {
				assertThat(removed).isEqualTo(endpoints());
				assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changedAt.get())).isLessThan(5000);
			}).thenCancel().verify(Duration.ofSeconds(15));
		}
	}

	@Test
	void watch_unknownApplication_isAnEmptyListNotAFailure() {
		try (EurekaRegistryClient client = client()) {
			StepVerifier.create(client.watch(new ServiceRef("", "nobody-registered-this", null)))
				.expectNext(endpoints())
				.thenCancel()
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void endpoints_skipInstancesThatAreNotUp() {
		com.netflix.appinfo.InstanceInfo up = instance("up", "10.0.0.1",
				com.netflix.appinfo.InstanceInfo.InstanceStatus.UP)
			.setMetadata(Map.of("weight", "-3"))
			.build();
		com.netflix.appinfo.InstanceInfo down = instance("down", "10.0.0.2",
				com.netflix.appinfo.InstanceInfo.InstanceStatus.DOWN)
			.build();
		assertThat(EurekaRegistryClient.endpoints(List.of(up, down)))
			.isEqualTo(endpoints(new Endpoint("10.0.0.1", 80, 100)));
	}

	private static com.netflix.appinfo.InstanceInfo.Builder instance(String id, String ip,
			com.netflix.appinfo.InstanceInfo.InstanceStatus status) {
		return com.netflix.appinfo.InstanceInfo.Builder.newBuilder()
			.setAppName("X")
			.setInstanceId(id)
			.setIPAddr(ip)
			.setPort(80)
			.setStatus(status);
	}

	private static EndpointsUpdate endpoints(Endpoint... endpoints) {
		return new EndpointsUpdate.Endpoints(List.of(endpoints));
	}

}

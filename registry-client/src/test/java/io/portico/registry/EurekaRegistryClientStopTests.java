package io.portico.registry;

import java.time.Duration;
import java.util.List;

import io.portico.registry.testkit.EurekaTestServer;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EurekaRegistryClient} when its Eureka server goes away: failures, never an empty
 * list.
 */
class EurekaRegistryClientStopTests {

	private static final RegistryClientOptions OPTIONS = new RegistryClientOptions(Duration.ofSeconds(2),
			Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofMillis(100));

	@Test
	void watch_afterServerStops_reportsFailureAndNeverAnEmptyList() {
		EurekaTestServer eureka = EurekaTestServer.start();
		try (EurekaRegistryClient client = new EurekaRegistryClient(new EurekaSettings(List.of(eureka.serviceUrl())),
				OPTIONS)) {
			eureka.register("stopping", "stopping-1", "127.0.0.21", 8091);
			StepVerifier.create(client.watch(new ServiceRef("", "stopping", null)).take(Duration.ofSeconds(4)))
				.expectNext(new EndpointsUpdate.Endpoints(List.of(new Endpoint("127.0.0.21", 8091, 100))))
				.then(eureka::stop)
				.assertNext((update) -> assertThat(update).isInstanceOfSatisfying(EndpointsUpdate.Failure.class,
						(failure) -> assertThat(failure.message()).contains(eureka.serviceUrl())))
				// Repeated identical failures are not repeated; nothing else may follow.
				.expectComplete()
				.verify(Duration.ofSeconds(10));
			StepVerifier.create(client.check())
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(RegistryException.class)
					.hasMessageContaining("cannot connect"))
				.verify(Duration.ofSeconds(10));
		}
		finally {
			eureka.close();
		}
	}

}

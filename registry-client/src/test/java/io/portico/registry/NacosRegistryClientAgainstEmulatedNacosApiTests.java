package io.portico.registry;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.portico.registry.testkit.NacosEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NacosRegistryClient} (the official Nacos client underneath) against
 * {@link NacosEmulator}, an emulation of Nacos's documented HTTP Open API and of the gRPC
 * protocol its Java client speaks (no Nacos server can run here).
 */
class NacosRegistryClientAgainstEmulatedNacosApiTests {

	private static final String USER = "portico";

	private static final String PASSWORD = "n4cos-Pa55word-never-logged";

	private static final RegistryClientOptions OPTIONS = new RegistryClientOptions(Duration.ofSeconds(2),
			Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMillis(200));

	private static final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private static Level previousLevel;

	private NacosEmulator nacos;

	@BeforeAll
	static void captureLog() {
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		previousLevel = root.getLevel();
		// Everything, DEBUG included, so that the secret check below sees every line.
		root.setLevel(Level.DEBUG);
		log.start();
		root.addAppender(log);
	}

	@AfterAll
	static void releaseLog() {
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.detachAppender(log);
		root.setLevel(previousLevel);
		List<String> lines;
		synchronized (log.list) {
			lines = log.list.stream()
				.map((event) -> event.getFormattedMessage() + " "
						+ ((event.getThrowableProxy() != null) ? event.getThrowableProxy().getMessage() : ""))
				.collect(Collectors.toList());
		}
		assertThat(lines).as("captured log lines").isNotEmpty().noneMatch((line) -> line.contains(PASSWORD));
	}

	@BeforeEach
	void startNacos() {
		this.nacos = NacosEmulator.start().requireLogin(USER, PASSWORD);
	}

	@AfterEach
	void stopNacos() {
		this.nacos.close();
	}

	private NacosRegistryClient client(String password) {
		return new NacosRegistryClient(new NacosSettings(this.nacos.address(), USER, password, "", ""), OPTIONS);
	}

	@Test
	void check_withRightPassword_succeeds() {
		try (NacosRegistryClient client = client(PASSWORD)) {
			StepVerifier.create(client.check()).verifyComplete();
		}
	}

	@Test
	void check_withWrongPassword_failsNamingTheUserNotThePassword() {
		try (NacosRegistryClient client = client("wrong-" + PASSWORD)) {
			StepVerifier.create(client.check())
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(RegistryException.class)
					.hasMessage("Nacos at " + this.nacos.address() + " rejected the credentials of user '" + USER
							+ "' (403 user not found!)")
					.hasMessageNotContaining(PASSWORD))
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void check_withWrongAddress_failsAsUnreachable() {
		String address = this.nacos.address();
		this.nacos.stop();
		try (NacosRegistryClient client = client(PASSWORD)) {
			StepVerifier.create(client.check())
				.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(RegistryException.class)
					.hasMessageStartingWith("Nacos at " + address)
					.hasMessageContaining("unreachable")
					.hasMessageNotContaining(PASSWORD))
				.verify(Duration.ofSeconds(15));
		}
	}

	@Test
	void services_listsTheGroupsServicesSorted() {
		this.nacos.register("web", "web-1", "10.0.0.1", 8080);
		this.nacos.register("api", "api-1", "10.0.0.2", 8080);
		this.nacos.register("other-group", "batch", "batch-1", "10.0.0.3", 8080, 1.0);
		try (NacosRegistryClient client = client(PASSWORD)) {
			StepVerifier.create(client.services())
				.assertNext((services) -> assertThat(services).containsExactly(
						new RegistryService("DEFAULT_GROUP", "api", null),
						new RegistryService("DEFAULT_GROUP", "web", null)))
				.expectComplete()
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void watch_followsPushedAdditionsAndRemovalsWithinOneSecondWithWeightsScaled() {
		this.nacos.register("httpbin", "httpbin-1", "10.0.0.1", 8080);
		this.nacos.register("httpbin", "httpbin-2", "10.0.0.2", 8080, 2.5);
		try (NacosRegistryClient client = client(PASSWORD)) {
			long[] changedAt = new long[1];
			StepVerifier.create(client.watch(new ServiceRef("", "httpbin", null)))
				.expectNext(endpoints(new Endpoint("10.0.0.1", 8080, 100), new Endpoint("10.0.0.2", 8080, 250)))
				.then(() -> {
					changedAt[0] = System.nanoTime();
					this.nacos.register("httpbin", "httpbin-3", "10.0.0.3", 8080, 0.5);
				})
				.expectNext(endpoints(new Endpoint("10.0.0.1", 8080, 100), new Endpoint("10.0.0.2", 8080, 250),
						new Endpoint("10.0.0.3", 8080, 50)))
				.then(() -> assertThat(Duration.ofNanos(System.nanoTime() - changedAt[0]))
					.isLessThan(Duration.ofSeconds(1)))
				.then(() -> {
					changedAt[0] = System.nanoTime();
					this.nacos.deregister("httpbin", "httpbin-1");
				})
				.expectNext(endpoints(new Endpoint("10.0.0.2", 8080, 250), new Endpoint("10.0.0.3", 8080, 50)))
				.then(() -> assertThat(Duration.ofNanos(System.nanoTime() - changedAt[0]))
					.isLessThan(Duration.ofSeconds(1)))
				.then(() -> this.nacos.setHealthy("httpbin", "httpbin-2", false))
				.expectNext(endpoints(new Endpoint("10.0.0.3", 8080, 50)))
				.thenCancel()
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void watch_ofAnotherGroup_usesTheNamespaceAsGroup() {
		this.nacos.register("blue", "httpbin", "httpbin-1", "10.0.0.7", 8080, 1.0);
		try (NacosRegistryClient client = client(PASSWORD)) {
			StepVerifier.create(client.watch(new ServiceRef("blue", "httpbin", null)))
				.expectNext(endpoints(new Endpoint("10.0.0.7", 8080, 100)))
				.thenCancel()
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void watch_whenNacosStops_reportsFailureNeverAnEmptyListAndRecovers() {
		this.nacos.register("httpbin", "httpbin-1", "10.0.0.1", 8080);
		try (NacosRegistryClient client = client(PASSWORD)) {
			StepVerifier.create(client.watch(new ServiceRef("", "httpbin", null)))
				.expectNext(endpoints(new Endpoint("10.0.0.1", 8080, 100)))
				.then(this.nacos::stop)
				.assertNext((update) -> assertThat(update).isInstanceOfSatisfying(EndpointsUpdate.Failure.class,
						(failure) -> assertThat(failure.message()).contains("unreachable").doesNotContain(PASSWORD)))
				.then(this.nacos::restart)
				.expectNext(endpoints(new Endpoint("10.0.0.1", 8080, 100)))
				.thenCancel()
				.verify(Duration.ofSeconds(30));
		}
	}

	@Test
	void watch_withWrongPassword_reportsFailureWithoutThePassword() {
		try (NacosRegistryClient client = client("wrong-" + PASSWORD)) {
			StepVerifier.create(client.watch(new ServiceRef("", "httpbin", null)))
				.assertNext((update) -> assertThat(update)
					.isEqualTo(new EndpointsUpdate.Failure("Nacos at " + this.nacos.address()
							+ " rejected the credentials of user '" + USER + "' (403 user not found!)")))
				.thenCancel()
				.verify(Duration.ofSeconds(10));
		}
	}

	private static EndpointsUpdate endpoints(Endpoint... endpoints) {
		return new EndpointsUpdate.Endpoints(List.of(endpoints));
	}

}

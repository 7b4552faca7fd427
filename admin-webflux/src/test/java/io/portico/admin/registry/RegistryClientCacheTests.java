package io.portico.admin.registry;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;

import io.portico.registry.ConsulSettings;
import io.portico.registry.RegistryClient;
import io.portico.registry.RegistryException;
import io.portico.registry.RegistrySettings;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client per connection: reused while the settings stay, rebuilt when they change,
 * closed when the connection goes or the admin stops.
 */
class RegistryClientCacheTests {

	private final FakeRegistryClientFactory factory = new FakeRegistryClientFactory();

	private final RegistryClientCache cache = new RegistryClientCache(this.factory);

	@Test
	void client_isReusedUntilTheSettingsChange() {
		RegistryClient first = client(row("a", new ConsulSettings("http://healthy:8500", "t", "")));
		RegistryClient again = client(row("a", new ConsulSettings("http://healthy:8500", "t", "")));
		assertThat(again).isSameAs(first);
		assertThat(this.factory.created()).isEqualTo(1);

		RegistryClient rebuilt = client(row("a", new ConsulSettings("http://healthy:8500", "t2", "")));
		assertThat(rebuilt).isNotSameAs(first);
		assertThat(this.factory.created()).isEqualTo(2);
		awaitClosed(1);
	}

	@Test
	void evictAndRetainOnly_closeTheClientsOfGoneConnections() {
		client(row("a", new ConsulSettings("http://healthy:8500", "", "")));
		client(row("b", new ConsulSettings("http://healthy:8500", "", "")));
		client(row("c", new ConsulSettings("http://healthy:8500", "", "")));
		this.cache.evict("a");
		this.cache.retainOnly(Set.of("b"));
		awaitClosed(2);
		assertThat(this.cache.size()).isEqualTo(1);
		this.cache.destroy();
		assertThat(this.factory.closed()).isEqualTo(3);
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void client_thatCannotBeBuilt_failsWithTheFactorysError() {
		StepVerifier.create(this.cache.client(row("x", new ConsulSettings("http://unbuildable:8500", "", ""))))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(RegistryException.class)
				.hasMessageContaining("cannot build a client"))
			.verify(Duration.ofSeconds(5));
		assertThat(this.cache.size()).isZero();
	}

	private RegistryClient client(ServiceRegistryRow row) {
		RegistryClient[] client = new RegistryClient[1];
		StepVerifier.create(this.cache.client(row)).assertNext((c) -> client[0] = c).verifyComplete();
		return client[0];
	}

	private void awaitClosed(int count) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (this.factory.closed() < count && System.nanoTime() < deadline) {
			RegistryTestClient.pause();
		}
		assertThat(this.factory.closed()).isEqualTo(count);
	}

	private static ServiceRegistryRow row(String id, RegistrySettings settings) {
		OffsetDateTime now = OffsetDateTime.now();
		return new ServiceRegistryRow(id, "default", id, "", settings, "connecting", null, null, now, now, 0);
	}

}

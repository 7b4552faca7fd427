package io.portico.gateway.discovery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.portico.registry.Endpoint;
import io.portico.registry.EndpointsUpdate;
import io.portico.registry.RegistryClient;
import io.portico.registry.RegistryClientFactory;
import io.portico.registry.RegistryConnection;
import io.portico.registry.RegistryService;
import io.portico.registry.ServiceRef;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A registry whose watches the test drives: every {@link ServiceRef} of every connection
 * has a sink that replays its latest update to new subscribers.
 */
public final class FakeRegistryClientFactory implements RegistryClientFactory {

	private final Map<String, Map<ServiceRef, Sinks.Many<EndpointsUpdate>>> sinks = new ConcurrentHashMap<>();

	private final List<RegistryConnection> created = new CopyOnWriteArrayList<>();

	private final Map<String, AtomicInteger> closed = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> watching = new ConcurrentHashMap<>();

	@Override
	public RegistryClient create(RegistryConnection connection) {
		this.created.add(connection);
		return new FakeClient(connection.id());
	}

	/**
	 * Announces endpoints of a service.
	 * @param registryId the connection id
	 * @param ref the service
	 * @param endpoints the complete list
	 */
	public void announce(String registryId, ServiceRef ref, Endpoint... endpoints) {
		emit(registryId, ref, new EndpointsUpdate.Endpoints(List.of(endpoints)));
	}

	/**
	 * Reports a registry failure for a service.
	 * @param registryId the connection id
	 * @param ref the service
	 * @param message the failure
	 */
	public void fail(String registryId, ServiceRef ref, String message) {
		emit(registryId, ref, new EndpointsUpdate.Failure(message));
	}

	/**
	 * The connections clients were created for, in order.
	 * @return the connections
	 */
	public List<RegistryConnection> created() {
		return List.copyOf(this.created);
	}

	/**
	 * How many clients of a connection were closed.
	 * @param registryId the connection id
	 * @return the count
	 */
	public int closed(String registryId) {
		return this.closed.computeIfAbsent(registryId, (id) -> new AtomicInteger()).get();
	}

	/**
	 * How many watches of a service are subscribed now.
	 * @param registryId the connection id
	 * @param ref the service
	 * @return the count
	 */
	public int watching(String registryId, ServiceRef ref) {
		return this.watching.computeIfAbsent(registryId + "|" + ref, (id) -> new AtomicInteger()).get();
	}

	private void emit(String registryId, ServiceRef ref, EndpointsUpdate update) {
		sink(registryId, ref).emitNext(update, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
	}

	private Sinks.Many<EndpointsUpdate> sink(String registryId, ServiceRef ref) {
		return this.sinks.computeIfAbsent(registryId, (id) -> new ConcurrentHashMap<>())
			.computeIfAbsent(ref, (key) -> Sinks.many().replay().latest());
	}

	private final class FakeClient implements RegistryClient {

		private final String registryId;

		FakeClient(String registryId) {
			this.registryId = registryId;
		}

		@Override
		public Mono<Void> check() {
			return Mono.empty();
		}

		@Override
		public Mono<List<RegistryService>> services() {
			return Mono.just(List.of());
		}

		@Override
		public Flux<EndpointsUpdate> watch(ServiceRef service) {
			AtomicInteger count = FakeRegistryClientFactory.this.watching
				.computeIfAbsent(this.registryId + "|" + service, (id) -> new AtomicInteger());
			return sink(this.registryId, service).asFlux()
				.doOnSubscribe((subscription) -> count.incrementAndGet())
				.doFinally((signal) -> count.decrementAndGet());
		}

		@Override
		public void close() {
			FakeRegistryClientFactory.this.closed.computeIfAbsent(this.registryId, (id) -> new AtomicInteger())
				.incrementAndGet();
		}

	}

}

package io.portico.admin.registry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.portico.registry.ConsulSettings;
import io.portico.registry.EndpointsUpdate;
import io.portico.registry.EurekaSettings;
import io.portico.registry.KubernetesSettings;
import io.portico.registry.NacosSettings;
import io.portico.registry.RegistryClient;
import io.portico.registry.RegistryClientFactory;
import io.portico.registry.RegistryConnection;
import io.portico.registry.RegistryException;
import io.portico.registry.RegistryService;
import io.portico.registry.RegistrySettings;
import io.portico.registry.ServiceRef;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Registry clients whose behaviour a test controls, so the admin's logic is tested
 * without real registries. A connection behaves as its address says ({@code healthy},
 * {@code failing}, {@code hanging} or {@code unbuildable} in the host name) unless a test
 * overrides it by id. Failures quote the connection's secret, as a careless library
 * might, to prove the admin scrubs it.
 */
public class FakeRegistryClientFactory implements RegistryClientFactory {

	/** What a fake registry does. */
	public enum Behaviour {

		/** Checks pass, services are listed. */
		HEALTHY,

		/** Every call fails with a message quoting the secret. */
		FAILING,

		/** Calls never answer. */
		HANGING,

		/** The client cannot even be built. */
		UNBUILDABLE

	}

	/** The services a healthy fake offers. */
	public static final List<RegistryService> SERVICES = List.of(
			new RegistryService("default", "echo", List.of("http", "metrics")),
			new RegistryService("default", "httpbin", List.of()));

	private final Map<String, Behaviour> overrides = new ConcurrentHashMap<>();

	private final AtomicInteger created = new AtomicInteger();

	private final AtomicInteger closed = new AtomicInteger();

	/**
	 * Makes a connection behave in a way, whatever its address says.
	 * @param id the connection id
	 * @param behaviour the behaviour
	 */
	public void behave(String id, Behaviour behaviour) {
		this.overrides.put(id, behaviour);
	}

	/**
	 * How many clients were built.
	 * @return the count
	 */
	public int created() {
		return this.created.get();
	}

	/**
	 * How many clients were closed.
	 * @return the count
	 */
	public int closed() {
		return this.closed.get();
	}

	@Override
	public RegistryClient create(RegistryConnection connection) {
		if (behaviour(connection) == Behaviour.UNBUILDABLE) {
			throw new RegistryException("cannot build a client for " + address(connection.settings()), null);
		}
		this.created.incrementAndGet();
		return new FakeClient(connection);
	}

	private Behaviour behaviour(RegistryConnection connection) {
		Behaviour override = this.overrides.get(connection.id());
		if (override != null) {
			return override;
		}
		String address = address(connection.settings());
		for (Behaviour candidate : new Behaviour[] { Behaviour.FAILING, Behaviour.HANGING, Behaviour.UNBUILDABLE }) {
			if (address.contains(candidate.name().toLowerCase(Locale.ROOT))) {
				return candidate;
			}
		}
		return Behaviour.HEALTHY;
	}

	static String address(RegistrySettings settings) {
		if (settings instanceof KubernetesSettings kubernetes) {
			return kubernetes.apiServer();
		}
		if (settings instanceof ConsulSettings consul) {
			return consul.address();
		}
		if (settings instanceof EurekaSettings eureka) {
			return String.join(",", eureka.serviceUrls());
		}
		return ((NacosSettings) settings).address();
	}

	static String secret(RegistrySettings settings) {
		if (settings instanceof KubernetesSettings kubernetes) {
			return kubernetes.token();
		}
		if (settings instanceof ConsulSettings consul) {
			return consul.token();
		}
		if (settings instanceof NacosSettings nacos) {
			return nacos.password();
		}
		return "";
	}

	private final class FakeClient implements RegistryClient {

		private final RegistryConnection connection;

		FakeClient(RegistryConnection connection) {
			this.connection = connection;
		}

		@Override
		public Mono<Void> check() {
			return answer(Mono.empty());
		}

		@Override
		public Mono<List<RegistryService>> services() {
			return answer(Mono.just(SERVICES));
		}

		@Override
		public Flux<EndpointsUpdate> watch(ServiceRef service) {
			return Flux.never();
		}

		@Override
		public void close() {
			FakeRegistryClientFactory.this.closed.incrementAndGet();
		}

		private <T> Mono<T> answer(Mono<T> healthy) {
			switch (behaviour(this.connection)) {
				case FAILING:
					return Mono
						.error(new RegistryException("401 Unauthorized from " + address(this.connection.settings())
								+ ": credentials '" + secret(this.connection.settings()) + "' were refused", null));
				case HANGING:
					return Mono.never();
				default:
					return healthy;
			}
		}

	}

}

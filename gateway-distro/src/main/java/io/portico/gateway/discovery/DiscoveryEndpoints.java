package io.portico.gateway.discovery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.Node;
import io.portico.gateway.upstream.UpstreamBalancer;
import io.portico.registry.EndpointsUpdate;
import io.portico.registry.NacosSettings;
import io.portico.registry.RegistryClient;
import io.portico.registry.RegistryClientFactory;
import io.portico.registry.RegistryConnection;
import io.portico.registry.RegistryType;
import io.portico.registry.SecretScrubber;
import io.portico.registry.ServiceRef;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.context.ApplicationEventPublisher;

/**
 * The live endpoints of every discovery upstream the route table uses: one
 * {@link RegistryClient} per registry connection of the group (rebuilt only when its
 * settings change, closed when the connection is gone and on shutdown), and one watch per
 * distinct watched service (released when no service uses it any more).
 *
 * <p>
 * Each reload calls {@link #update(List, Set)} before building the route table, whose
 * discovery services then balance over {@link #balancer(DiscoveryUpstream)}. A failing
 * registry never empties a list: the endpoints go stale (a WARN line, the
 * {@value #STALE_METRIC} gauge, the heartbeat's {@code discovery} column) and keep
 * serving. Messages are scrubbed of the connection's secrets before they are logged or
 * reported. Example: <pre>
 * endpoints.update(config.registries(), Set.of(new DiscoveryKey("reg-1", "default", "httpbin", null)));
 * Node node = endpoints.balancer(discoveryUpstream).next();
 * </pre>
 */
public class DiscoveryEndpoints implements AutoCloseable {

	/** The gauge of watched services whose endpoints are stale. */
	public static final String STALE_METRIC = "portico.gateway.discovery.stale";

	private static final Log logger = LogFactory.getLog(DiscoveryEndpoints.class);

	private static final Duration MIN_BACKOFF = Duration.ofMillis(500);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final RegistryClientFactory factory;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	// Guarded by this: only update() and close() change clients and watches.
	private final Map<String, ClientEntry> clients = new HashMap<>();

	// Read by requests (through the route table) and the heartbeat without locking.
	private final Map<DiscoveryKey, Watch> watches = new ConcurrentHashMap<>();

	private boolean closed;

	public DiscoveryEndpoints(RegistryClientFactory factory, ApplicationEventPublisher events, MeterRegistry meters,
			String group) {
		this(factory, events, meters, group, Clock.systemUTC());
	}

	DiscoveryEndpoints(RegistryClientFactory factory, ApplicationEventPublisher events, MeterRegistry meters,
			String group, Clock clock) {
		this.factory = factory;
		this.events = events;
		this.clock = clock;
		Gauge.builder(STALE_METRIC, this, DiscoveryEndpoints::staleCount)
			.description("Discovered services served from stale endpoints because their registry fails")
			.tag("group", group)
			.register(meters);
	}

	/**
	 * Makes the clients and watches match a new configuration: builds clients of new or
	 * changed connections, starts watches of new services, and releases the rest. Call it
	 * before building the route table from the same configuration.
	 * @param registries the group's valid registry connections
	 * @param keys the services the new table watches; each names one of the registries
	 */
	public synchronized void update(List<RegistryConnection> registries, Set<DiscoveryKey> keys) {
		if (this.closed) {
			return;
		}
		Map<String, RegistryConnection> byId = new HashMap<>();
		for (RegistryConnection connection : registries) {
			byId.put(connection.id(), connection);
		}
		List<ClientEntry> retired = new ArrayList<>();
		this.clients.entrySet().removeIf((entry) -> {
			RegistryConnection current = byId.get(entry.getKey());
			if (current == null || !current.settings().equals(entry.getValue().connection.settings())) {
				retired.add(entry.getValue());
				return true;
			}
			return false;
		});
		for (RegistryConnection connection : registries) {
			ClientEntry entry = this.clients.get(connection.id());
			if (entry == null) {
				this.clients.put(connection.id(), createClient(connection));
			}
			else {
				// Same settings: keep the client; only the name may have changed.
				entry.connection = connection;
			}
		}
		boolean changed = false;
		Map<DiscoveryKey, LiveEndpoints> previous = new HashMap<>();
		for (Map.Entry<DiscoveryKey, Watch> entry : new ArrayList<>(this.watches.entrySet())) {
			Watch watch = entry.getValue();
			if (!keys.contains(entry.getKey()) || this.clients.get(entry.getKey().registryId()) != watch.client) {
				watch.dispose();
				this.watches.remove(entry.getKey());
				previous.put(entry.getKey(), watch.live);
				changed = true;
			}
		}
		for (DiscoveryKey key : keys) {
			ClientEntry client = this.clients.get(key.registryId());
			if (client == null || this.watches.containsKey(key)) {
				continue;
			}
			// Served from the old client's endpoints until the new client reports.
			Watch watch = new Watch(new LiveEndpoints(key, previous.get(key)), client);
			this.watches.put(key, watch);
			start(watch);
			changed = true;
		}
		for (ClientEntry entry : retired) {
			closeLater(entry);
		}
		if (changed) {
			this.events.publishEvent(new DiscoveryChangedEvent(this));
		}
	}

	/**
	 * The balancer of a discovery upstream of the table being built.
	 * @param upstream the upstream
	 * @return its live endpoints; a balancer without endpoints when it is not watched
	 */
	public UpstreamBalancer balancer(DiscoveryUpstream upstream) {
		DiscoveryKey key = DiscoveryKey.of(upstream);
		Watch watch = this.watches.get(key);
		if (watch != null) {
			return watch.live;
		}
		return new UpstreamBalancer() {

			@Override
			public Node next() {
				return null;
			}

			@Override
			public String unavailableReason() {
				return key.describe() + " is not watched";
			}

		};
	}

	/**
	 * The live endpoints of one watched service.
	 * @param key the service
	 * @return its endpoints, or {@code null} when not watched
	 */
	public LiveEndpoints endpoints(DiscoveryKey key) {
		Watch watch = this.watches.get(key);
		return (watch != null) ? watch.live : null;
	}

	/**
	 * What the heartbeat reports, one entry per watched service.
	 * @return the statuses, ordered by registry, namespace, service and port
	 */
	public List<DiscoveryStatus> statuses() {
		List<DiscoveryStatus> statuses = new ArrayList<>();
		for (Watch watch : this.watches.values()) {
			statuses.add(watch.live.status());
		}
		statuses.sort(Comparator.comparing((DiscoveryStatus status) -> status.key().registryId())
			.thenComparing((status) -> status.key().namespace())
			.thenComparing((status) -> status.key().serviceName())
			.thenComparing((status) -> String.valueOf(status.key().portName())));
		return List.copyOf(statuses);
	}

	/**
	 * How many watched services are stale.
	 * @return the count
	 */
	public int staleCount() {
		int stale = 0;
		for (Watch watch : this.watches.values()) {
			if (watch.live.stale()) {
				stale++;
			}
		}
		return stale;
	}

	/**
	 * Stops every watch and closes every client.
	 */
	@Override
	public synchronized void close() {
		this.closed = true;
		for (Watch watch : this.watches.values()) {
			watch.dispose();
		}
		this.watches.clear();
		for (ClientEntry entry : this.clients.values()) {
			closeNow(entry);
		}
		this.clients.clear();
	}

	private ClientEntry createClient(RegistryConnection connection) {
		try {
			return new ClientEntry(connection, this.factory.create(connection), null);
		}
		catch (RuntimeException ex) {
			String message = SecretScrubber.of(connection.settings())
				.scrub("cannot create the " + connection.type().jsonValue() + " client: " + ex.getMessage());
			logger.warn("Service registry '" + connection.name() + "' (" + connection.id() + "): " + message);
			return new ClientEntry(connection, null, message);
		}
	}

	private void start(Watch watch) {
		ClientEntry entry = watch.client;
		if (entry.client == null) {
			report(watch, new EndpointsUpdate.Failure(entry.error));
			return;
		}
		ServiceRef ref = serviceRef(entry.connection, watch.live.key());
		watch.subscription = Flux.defer(() -> entry.client.watch(ref))
			// A watch ends only when cancelled: an end or an error is retried with
			// back-off.
			.concatWith(Mono.error(() -> new IllegalStateException("the watch ended")))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, MIN_BACKOFF)
				.maxBackoff(MAX_BACKOFF)
				.transientErrors(true)
				.doBeforeRetry((signal) -> report(watch,
						new EndpointsUpdate.Failure("watch failed: " + signal.failure().getMessage()))))
			.subscribe((update) -> report(watch, update),
					(ex) -> report(watch, new EndpointsUpdate.Failure("watch failed: " + ex.getMessage())));
	}

	private void report(Watch watch, EndpointsUpdate update) {
		EndpointsUpdate safe = update;
		if (update instanceof EndpointsUpdate.Failure failure) {
			safe = new EndpointsUpdate.Failure(SecretScrubber.of(watch.client.connection.settings())
				.scrub((failure.message() != null) ? failure.message() : "unknown error"));
		}
		if (watch.live.apply(safe, this.clock.instant())) {
			this.events.publishEvent(new DiscoveryChangedEvent(this));
		}
	}

	static ServiceRef serviceRef(RegistryConnection connection, DiscoveryKey key) {
		String namespace = key.namespace();
		if (namespace.isEmpty() && connection.settings() instanceof NacosSettings nacos) {
			// A Nacos service published without a group lives in the connection's group.
			namespace = nacos.group();
		}
		String portName = (connection.type() == RegistryType.KUBERNETES) ? key.portName() : null;
		return new ServiceRef(namespace, key.serviceName(), portName);
	}

	private static void closeLater(ClientEntry entry) {
		if (entry.client != null) {
			// Closing may block (threads, connections): never on the caller's thread.
			Mono.fromRunnable(() -> closeNow(entry)).subscribeOn(Schedulers.boundedElastic()).subscribe();
		}
	}

	private static void closeNow(ClientEntry entry) {
		if (entry.client == null) {
			return;
		}
		try {
			entry.client.close();
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot close the client of service registry '" + entry.connection.name() + "': "
					+ SecretScrubber.of(entry.connection.settings()).scrub(ex.getMessage()));
		}
	}

	private static final class ClientEntry {

		private volatile RegistryConnection connection;

		private final RegistryClient client;

		private final String error;

		ClientEntry(RegistryConnection connection, RegistryClient client, String error) {
			this.connection = connection;
			this.client = client;
			this.error = error;
		}

	}

	private static final class Watch {

		private final LiveEndpoints live;

		private final ClientEntry client;

		private volatile Disposable subscription;

		Watch(LiveEndpoints live, ClientEntry client) {
			this.live = live;
			this.client = client;
		}

		void dispose() {
			Disposable current = this.subscription;
			if (current != null) {
				current.dispose();
			}
		}

	}

}

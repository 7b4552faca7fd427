package io.portico.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A Kubernetes registry on the fabric8 client: checks by listing one namespace, browses
 * Services, and follows a service's {@code discovery.k8s.io/v1} EndpointSlices with a
 * list-then-watch loop.
 *
 * <p>
 * The loop is ours rather than a fabric8 informer because an informer hides a lost API
 * server behind silent reconnects, and the gateway must learn that its endpoints are
 * stale. The watch itself is fabric8's (push: changes arrive within milliseconds).
 * Example: <pre>
 * try (RegistryClient client = new KubernetesRegistryClient(
 *         new KubernetesSettings("https://10.0.0.1:6443", token), RegistryClientOptions.defaults())) {
 *     client.watch(new ServiceRef("default", "httpbin", "http")).subscribe(this::apply);
 * }
 * </pre>
 */
public class KubernetesRegistryClient implements RegistryClient {

	/** The label Kubernetes puts on every EndpointSlice of a Service. */
	static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

	private static final Logger logger = LoggerFactory.getLogger(KubernetesRegistryClient.class);

	// A watch that ends sooner than this after it started is retried with back-off, so
	// that a server closing every watch at once cannot make the loop spin.
	private static final long SHORT_WATCH_MILLIS = 1000;

	private final KubernetesClient client;

	private final String server;

	private final SecretScrubber scrubber;

	private final RegistryClientOptions options;

	private final Scheduler scheduler = Schedulers.boundedElastic();

	private final Set<SliceWatch> watches = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	/**
	 * Creates the client; it connects lazily.
	 * @param settings the API server and token; an empty API server means the pod's
	 * in-cluster service account (fabric8's auto-configuration)
	 * @param options timeouts and back-off
	 */
	public KubernetesRegistryClient(KubernetesSettings settings, RegistryClientOptions options) {
		this.options = options;
		this.scrubber = SecretScrubber.of(settings);
		Config config = config(settings, options);
		this.server = config.getMasterUrl();
		this.client = new KubernetesClientBuilder().withConfig(config).build();
	}

	private static Config config(KubernetesSettings settings, RegistryClientOptions options) {
		// An explicit API server starts from an empty config: a developer's kubeconfig
		// must not add its client certificate or token to requests to another server.
		ConfigBuilder builder = settings.apiServer().isEmpty() ? new ConfigBuilder(Config.autoConfigure(null))
				: new ConfigBuilder(Config.empty()).withMasterUrl(settings.apiServer())
					.withOauthToken(settings.token());
		int timeout = (int) options.requestTimeout().toMillis();
		return builder.withRequestTimeout(timeout)
			.withConnectionTimeout(timeout)
			// The watch loop retries; a check must fail fast rather than retry for
			// seconds.
			.withRequestRetryBackoffLimit(0)
			// A watch that ends is reported to the loop, which lists again.
			.withWatchReconnectLimit(0)
			.build();
	}

	@Override
	public Mono<Void> check() {
		return Mono
			.<Void>fromRunnable(() -> this.client.namespaces().list(new ListOptionsBuilder().withLimit(1L).build()))
			.onErrorMap((ex) -> failure("cannot list namespaces", ex))
			.subscribeOn(this.scheduler);
	}

	@Override
	public Mono<List<RegistryService>> services() {
		return Mono.fromCallable(this::readServices)
			.onErrorMap((ex) -> failure("cannot list services", ex))
			.subscribeOn(this.scheduler);
	}

	private List<RegistryService> readServices() {
		List<io.fabric8.kubernetes.api.model.Service> items;
		try {
			items = this.client.services().inAnyNamespace().list().getItems();
		}
		catch (KubernetesClientException ex) {
			if (ex.getCode() != 403) {
				throw ex;
			}
			// Without a cluster-wide grant: every namespace the account may read.
			items = new ArrayList<>();
			for (Namespace namespace : this.client.namespaces().list().getItems()) {
				try {
					items.addAll(
							this.client.services().inNamespace(namespace.getMetadata().getName()).list().getItems());
				}
				catch (KubernetesClientException forbidden) {
					if (forbidden.getCode() != 403) {
						throw forbidden;
					}
				}
			}
		}
		List<RegistryService> services = new ArrayList<>();
		for (io.fabric8.kubernetes.api.model.Service service : items) {
			List<String> ports = new ArrayList<>();
			if (service.getSpec() != null && service.getSpec().getPorts() != null) {
				for (ServicePort port : service.getSpec().getPorts()) {
					if (port.getName() != null && !port.getName().isEmpty()) {
						ports.add(port.getName());
					}
				}
			}
			services
				.add(new RegistryService(service.getMetadata().getNamespace(), service.getMetadata().getName(), ports));
		}
		services.sort(Comparator.comparing(RegistryService::namespace).thenComparing(RegistryService::name));
		return List.copyOf(services);
	}

	@Override
	public Flux<EndpointsUpdate> watch(ServiceRef service) {
		return Flux.<EndpointsUpdate>create((sink) -> {
			if (this.closed) {
				sink.error(new IllegalStateException("the registry client is closed"));
				return;
			}
			SliceWatch watch = new SliceWatch(service, sink);
			this.watches.add(watch);
			sink.onDispose(watch::stop);
			watch.start();
		}).distinctUntilChanged();
	}

	@Override
	public void close() {
		this.closed = true;
		for (SliceWatch watch : List.copyOf(this.watches)) {
			watch.sink.complete();
		}
		this.client.close();
	}

	private RegistryException failure(String action, Throwable ex) {
		// A cause quoting the token would show it in a logged stack trace.
		return new RegistryException(this.scrubber.scrub(describe(action, ex)),
				this.scrubber.revealedBy(ex) ? null : ex);
	}

	/**
	 * Describes an error for an operator. Built from the status code and the root cause's
	 * message only: never from request headers, where the token travels.
	 */
	private String describe(String action, Throwable ex) {
		if (ex instanceof KubernetesClientException kubernetes && kubernetes.getCode() > 0) {
			int code = kubernetes.getCode();
			String detail = (kubernetes.getStatus() != null && kubernetes.getStatus().getMessage() != null)
					? kubernetes.getStatus().getMessage() : "";
			if (code == 401) {
				return "Kubernetes API server " + this.server + " refused the token (401 Unauthorized)";
			}
			if (code == 403) {
				return "Kubernetes API server " + this.server + " denied access (403 Forbidden): " + action
						+ (detail.isEmpty() ? "" : ": " + detail);
			}
			return "Kubernetes API server " + this.server + " answered " + code + ": " + action
					+ (detail.isEmpty() ? "" : ": " + detail);
		}
		return "cannot connect to Kubernetes API server " + this.server + ": " + rootMessage(ex);
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return (message == null || message.isBlank()) ? root.getClass().getSimpleName() : message;
	}

	/**
	 * Lists a service's EndpointSlices, then watches them from that resource version;
	 * when the watch ends, lists again. All state changes run on one worker, in order.
	 */
	private final class SliceWatch {

		private final ServiceRef service;

		private final String namespace;

		private final FluxSink<EndpointsUpdate> sink;

		private final Scheduler.Worker worker = KubernetesRegistryClient.this.scheduler.createWorker();

		private final Map<String, EndpointSlice> slices = new HashMap<>();

		private volatile boolean stopped;

		private Watch watch;

		private SliceWatcher watcher;

		private long watchStartedAt;

		private int failures;

		SliceWatch(ServiceRef service, FluxSink<EndpointsUpdate> sink) {
			// As kubectl: a reference without a namespace means "default".
			this.service = service.namespace().isEmpty()
					? new ServiceRef("default", service.serviceName(), service.portName()) : service;
			this.namespace = this.service.namespace();
			this.sink = sink;
		}

		void start() {
			submit(this::listAndWatch, 0);
		}

		void stop() {
			this.stopped = true;
			KubernetesRegistryClient.this.watches.remove(this);
			// Disposing right away would drop the close; let it run first.
			submit(() -> {
				closeWatch();
				this.worker.dispose();
			}, 0);
		}

		private void submit(Runnable task, long delayMillis) {
			try {
				this.worker.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ignored) {
				// Stopped: late callbacks of a closed watch have nothing left to do.
			}
		}

		private void listAndWatch() {
			if (this.stopped) {
				return;
			}
			closeWatch();
			try {
				EndpointSliceList list = KubernetesRegistryClient.this.client.discovery()
					.v1()
					.endpointSlices()
					.inNamespace(this.namespace)
					.withLabel(SERVICE_NAME_LABEL, this.service.serviceName())
					.list();
				this.slices.clear();
				for (EndpointSlice slice : list.getItems()) {
					this.slices.put(slice.getMetadata().getName(), slice);
				}
				emit();
				ListOptions from = new ListOptionsBuilder().withResourceVersion(list.getMetadata().getResourceVersion())
					.build();
				this.watchStartedAt = System.nanoTime();
				this.watcher = new SliceWatcher();
				this.watch = KubernetesRegistryClient.this.client.discovery()
					.v1()
					.endpointSlices()
					.inNamespace(this.namespace)
					.withLabel(SERVICE_NAME_LABEL, this.service.serviceName())
					.watch(from, this.watcher);
				this.failures = 0;
			}
			catch (RuntimeException ex) {
				fail(ex);
			}
		}

		private void fail(Throwable ex) {
			if (this.stopped) {
				return;
			}
			String message = KubernetesRegistryClient.this.scrubber
				.scrub(describe("cannot read EndpointSlices of " + name(), ex));
			logger.debug("Watch of {} failed: {}", name(), message);
			this.sink.next(new EndpointsUpdate.Failure(message));
			retryLater();
		}

		private void retryLater() {
			submit(this::listAndWatch, backoffMillis(this.failures++));
		}

		private long backoffMillis(int attempt) {
			long first = Math.max(1, KubernetesRegistryClient.this.options.retryBackoff().toMillis());
			return Math.min(first << Math.min(attempt, 4), first * 10);
		}

		private void apply(Watcher.Action action, EndpointSlice slice) {
			if (this.stopped) {
				return;
			}
			String name = slice.getMetadata().getName();
			switch (action) {
				case ADDED, MODIFIED -> this.slices.put(name, slice);
				case DELETED -> this.slices.remove(name);
				default -> {
					return;
				}
			}
			emit();
		}

		private void watchClosed(WatcherException cause) {
			if (this.stopped) {
				return;
			}
			this.watch = null;
			this.watcher = null;
			long ranMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.watchStartedAt);
			logger.debug("Watch of {} ended after {} ms: {}", name(), ranMillis,
					(cause != null) ? KubernetesRegistryClient.this.scrubber.scrub(rootMessage(cause)) : "closed");
			// Lists again at once: if the server is gone, that list fails and reports it.
			if (ranMillis < SHORT_WATCH_MILLIS) {
				retryLater();
			}
			else {
				listAndWatch();
			}
		}

		private void closeWatch() {
			Watch current = this.watch;
			this.watch = null;
			this.watcher = null;
			if (current != null) {
				current.close();
			}
		}

		private void emit() {
			this.sink.next(endpoints(this.service, this.slices.values()));
		}

		private String name() {
			return this.namespace + "/" + this.service.serviceName();
		}

		/**
		 * Hands fabric8's callbacks to the worker; those of a watch that is no longer the
		 * current one are dropped there.
		 */
		private final class SliceWatcher implements Watcher<EndpointSlice> {

			@Override
			public void eventReceived(Action action, EndpointSlice slice) {
				submit(() -> {
					if (SliceWatch.this.watcher == this) {
						apply(action, slice);
					}
				}, 0);
			}

			@Override
			public void onClose(WatcherException cause) {
				submit(() -> {
					if (SliceWatch.this.watcher == this) {
						watchClosed(cause);
					}
				}, 0);
			}

			@Override
			public void onClose() {
				// Closed by us: nothing to do.
			}

			@Override
			public boolean reconnecting() {
				return false;
			}

		}

	}

	/**
	 * The endpoints the slices announce: every address of every endpoint not marked
	 * unready, on the port the service reference selects.
	 * @param service the service and port name
	 * @param slices its EndpointSlices
	 * @return the endpoints, deduplicated and sorted, or a failure naming the port
	 * problem
	 */
	static EndpointsUpdate endpoints(ServiceRef service, Iterable<EndpointSlice> slices) {
		String portName = (service.portName() != null) ? service.portName() : "";
		Set<String> portNames = new TreeSet<>();
		Set<Endpoint> endpoints = new LinkedHashSet<>();
		boolean ambiguous = false;
		boolean anyEndpoint = false;
		for (EndpointSlice slice : slices) {
			List<EndpointPort> ports = (slice.getPorts() != null) ? slice.getPorts() : List.of();
			ports.forEach((port) -> portNames.add((port.getName() != null) ? port.getName() : ""));
			Integer port = null;
			if (!portName.isEmpty()) {
				port = ports.stream()
					.filter((candidate) -> portName.equals(candidate.getName()))
					.map(EndpointPort::getPort)
					.findFirst()
					.orElse(null);
			}
			else if (ports.size() == 1) {
				port = ports.get(0).getPort();
			}
			else if (ports.size() > 1) {
				ambiguous = true;
			}
			if (slice.getEndpoints() == null) {
				continue;
			}
			for (io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint : slice.getEndpoints()) {
				boolean ready = endpoint.getConditions() == null
						|| !Boolean.FALSE.equals(endpoint.getConditions().getReady());
				if (!ready || endpoint.getAddresses() == null) {
					continue;
				}
				anyEndpoint = true;
				if (port != null) {
					for (String address : endpoint.getAddresses()) {
						endpoints.add(new Endpoint(address, port, Endpoint.DEFAULT_WEIGHT));
					}
				}
			}
		}
		String name = service.namespace() + "/" + service.serviceName();
		if (ambiguous) {
			return new EndpointsUpdate.Failure(
					"service " + name + " has several ports " + portNames + ": the upstream must name one (port_name)");
		}
		if (!portName.isEmpty() && anyEndpoint && endpoints.isEmpty()) {
			return new EndpointsUpdate.Failure(
					"service " + name + " has no port named '" + portName + "' (ports " + portNames + ")");
		}
		List<Endpoint> sorted = new ArrayList<>(endpoints);
		sorted.sort(Comparator.comparing(Endpoint::host).thenComparingInt(Endpoint::port));
		return new EndpointsUpdate.Endpoints(sorted);
	}

}

package io.portico.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;

/**
 * The watch of one service's {@code discovery.k8s.io/v1} EndpointSlices for
 * {@link KubernetesRegistryClient}: lists them, then watches them from that resource
 * version; when the watch ends, lists again. All state changes run on one worker, in
 * order.
 *
 * <p>
 * The loop is ours rather than a fabric8 informer because an informer hides a lost API
 * server behind silent reconnects, and the gateway must learn that its endpoints are
 * stale. The watch itself is fabric8's (push: changes arrive within milliseconds).
 */
final class KubernetesSliceWatch {

	/** The label Kubernetes puts on every EndpointSlice of a Service. */
	static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

	private static final Logger logger = LoggerFactory.getLogger(KubernetesSliceWatch.class);

	// A watch that ends sooner than this after it started is retried with back-off, so
	// that a server closing every watch at once cannot make the loop spin.
	private static final long SHORT_WATCH_MILLIS = 1000;

	private final KubernetesClient client;

	private final KubernetesErrors errors;

	private final Backoff backoff;

	private final Consumer<KubernetesSliceWatch> onStop;

	private final ServiceRef service;

	private final String namespace;

	private final FluxSink<EndpointsUpdate> sink;

	private final Scheduler.Worker worker;

	private final Map<String, EndpointSlice> slices = new HashMap<>();

	private volatile boolean stopped;

	private Watch watch;

	private SliceWatcher watcher;

	private long watchStartedAt;

	KubernetesSliceWatch(KubernetesClient client, Scheduler scheduler, KubernetesErrors errors, Duration retryBackoff,
			ServiceRef service, FluxSink<EndpointsUpdate> sink, Consumer<KubernetesSliceWatch> onStop) {
		this.client = client;
		this.worker = scheduler.createWorker();
		this.errors = errors;
		this.backoff = new Backoff(retryBackoff);
		this.onStop = onStop;
		// As kubectl: a reference without a namespace means "default".
		this.service = service.namespace().isEmpty()
				? new ServiceRef("default", service.serviceName(), service.portName()) : service;
		this.namespace = this.service.namespace();
		this.sink = sink;
	}

	void start() {
		submit(this::listAndWatch, 0);
	}

	void complete() {
		this.sink.complete();
	}

	void stop() {
		this.stopped = true;
		this.onStop.accept(this);
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
			EndpointSliceList list = this.client.discovery()
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
			this.watch = this.client.discovery()
				.v1()
				.endpointSlices()
				.inNamespace(this.namespace)
				.withLabel(SERVICE_NAME_LABEL, this.service.serviceName())
				.watch(from, this.watcher);
			this.backoff.reset();
		}
		catch (RuntimeException ex) {
			fail(ex);
		}
	}

	private void fail(Throwable ex) {
		if (this.stopped) {
			return;
		}
		String message = this.errors.describe("cannot read EndpointSlices of " + name(), ex);
		logger.debug("Watch of {} failed: {}", name(), message);
		this.sink.next(new EndpointsUpdate.Failure(message));
		retryLater();
	}

	private void retryLater() {
		submit(this::listAndWatch, this.backoff.nextMillis());
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
				(cause != null) ? this.errors.rootMessage(cause) : "closed");
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
				if (KubernetesSliceWatch.this.watcher == this) {
					apply(action, slice);
				}
			}, 0);
		}

		@Override
		public void onClose(WatcherException cause) {
			submit(() -> {
				if (KubernetesSliceWatch.this.watcher == this) {
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

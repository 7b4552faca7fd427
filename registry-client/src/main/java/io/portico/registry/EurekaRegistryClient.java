package io.portico.registry;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.netflix.appinfo.InstanceInfo;
import com.netflix.discovery.shared.Application;
import com.netflix.discovery.shared.Applications;
import com.netflix.discovery.shared.resolver.DefaultEndpoint;
import com.netflix.discovery.shared.transport.EurekaHttpClient;
import com.netflix.discovery.shared.transport.EurekaHttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.netflix.eureka.TimeoutProperties;
import org.springframework.cloud.netflix.eureka.http.DefaultEurekaClientHttpRequestFactorySupplier;
import org.springframework.cloud.netflix.eureka.http.RestClientTransportClientFactory;
import org.springframework.web.client.RestClient;

/**
 * A Eureka registry on the Eureka client's REST transport (Spring Cloud Netflix's
 * {@link RestClientTransportClientFactory}), with no Spring context: checks by reading
 * the applications, browses application names, and polls one application for its UP
 * instances.
 *
 * <p>
 * Service URLs are tried in order on every request, as Eureka clients do. Example: <pre>
 * try (RegistryClient client = new EurekaRegistryClient(
 *         new EurekaSettings(List.of("http://eureka:8761/eureka/")), RegistryClientOptions.defaults())) {
 *     client.watch(new ServiceRef("", "HTTPBIN", null)).subscribe(this::apply);
 * }
 * </pre>
 */
public class EurekaRegistryClient implements RegistryClient {

	private static final Logger logger = LoggerFactory.getLogger(EurekaRegistryClient.class);

	private static final String WEIGHT = "weight";

	private final RestClientTransportClientFactory transport;

	private final List<Server> servers;

	private final RegistryClientOptions options;

	private final Scheduler scheduler = Schedulers.boundedElastic();

	private final Set<FluxSink<EndpointsUpdate>> sinks = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	/**
	 * Creates the client; it connects lazily, on the first request.
	 * @throws RegistryException when the settings name no service URL
	 */
	public EurekaRegistryClient(EurekaSettings settings, RegistryClientOptions options) {
		if (settings.serviceUrls().isEmpty()) {
			throw new RegistryException("a Eureka connection needs at least one service URL", null);
		}
		this.options = options;
		int timeout = (int) options.requestTimeout().toMillis();
		TimeoutProperties timeouts = new TimeoutProperties();
		timeouts.setConnectTimeout(timeout);
		timeouts.setConnectRequestTimeout(timeout);
		timeouts.setSocketTimeout(timeout);
		this.transport = new RestClientTransportClientFactory(Optional.empty(), Optional.empty(),
				new DefaultEurekaClientHttpRequestFactorySupplier(timeouts, Set.of()), RestClient::builder);
		List<Server> servers = new ArrayList<>();
		for (String url : settings.serviceUrls()) {
			String normalized = url.endsWith("/") ? url : url + "/";
			servers.add(new Server(display(normalized), this.transport.newClient(new DefaultEndpoint(normalized))));
		}
		this.servers = List.copyOf(servers);
	}

	@Override
	public Mono<Void> check() {
		return Mono.<Void>fromRunnable(() -> request("read the applications", EurekaHttpClient::getApplications))
			.subscribeOn(this.scheduler);
	}

	@Override
	public Mono<List<RegistryService>> services() {
		return Mono.fromCallable(() -> {
			Applications applications = request("read the applications", EurekaHttpClient::getApplications).getEntity();
			List<RegistryService> services = new ArrayList<>();
			if (applications != null) {
				for (Application application : applications.getRegisteredApplications()) {
					services.add(new RegistryService("", application.getName(), List.of()));
				}
			}
			services.sort(Comparator.comparing(RegistryService::name));
			return List.copyOf(services);
		}).subscribeOn(this.scheduler);
	}

	@Override
	public Flux<EndpointsUpdate> watch(ServiceRef service) {
		return Flux.<EndpointsUpdate>create((sink) -> {
			if (RegistryErrors.refusedAsClosed(this.closed, sink)) {
				return;
			}
			Scheduler.Worker worker = this.scheduler.createWorker();
			this.sinks.add(sink);
			sink.onDispose(() -> {
				this.sinks.remove(sink);
				worker.dispose();
			});
			new Poll(service.serviceName(), sink, worker).run();
		}).distinctUntilChanged();
	}

	@Override
	public void close() {
		this.closed = true;
		for (FluxSink<EndpointsUpdate> sink : List.copyOf(this.sinks)) {
			sink.complete();
		}
		for (Server server : this.servers) {
			server.client().shutdown();
		}
		this.transport.shutdown();
	}

	/**
	 * Reads the UP instances of one application.
	 * @param app the application name
	 * @return the endpoints, or an empty list when Eureka does not know the application
	 */
	EndpointsUpdate read(String app) {
		EurekaHttpResponse<Application> response = request("read application " + app,
				(client) -> client.getApplication(app), 404);
		if (response.getStatusCode() == 404 || response.getEntity() == null) {
			return new EndpointsUpdate.Endpoints(List.of());
		}
		return endpoints(response.getEntity().getInstancesAsIsFromEureka());
	}

	/**
	 * The endpoints of the UP instances.
	 * @param instances the instances Eureka returned
	 * @return the endpoints, deduplicated and sorted
	 */
	static EndpointsUpdate endpoints(List<InstanceInfo> instances) {
		Set<Endpoint> endpoints = new LinkedHashSet<>();
		for (InstanceInfo instance : instances) {
			if (instance.getStatus() != InstanceInfo.InstanceStatus.UP || instance.getIPAddr() == null) {
				continue;
			}
			int port;
			if (instance.isPortEnabled(InstanceInfo.PortType.UNSECURE)) {
				port = instance.getPort();
			}
			else if (instance.isPortEnabled(InstanceInfo.PortType.SECURE)) {
				port = instance.getSecurePort();
			}
			else {
				continue;
			}
			endpoints.add(new Endpoint(instance.getIPAddr(), port, weight(instance)));
		}
		List<Endpoint> sorted = new ArrayList<>(endpoints);
		sorted.sort(Comparator.comparing(Endpoint::host).thenComparingInt(Endpoint::port));
		return new EndpointsUpdate.Endpoints(sorted);
	}

	private static int weight(InstanceInfo instance) {
		String value = (instance.getMetadata() != null) ? instance.getMetadata().get(WEIGHT) : null;
		if (value != null) {
			try {
				int weight = Integer.parseInt(value.trim());
				if (weight > 0) {
					return weight;
				}
			}
			catch (NumberFormatException ignored) {
				// Not a weight we understand: the default applies.
			}
		}
		return Endpoint.DEFAULT_WEIGHT;
	}

	/**
	 * Sends a request to the first server that answers it.
	 * @param action what is being done, for the error message
	 * @param call the request
	 * @param accepted statuses other than 2xx that are an answer
	 * @return the first answer
	 * @throws RegistryException when no server answers
	 */
	private <T> EurekaHttpResponse<T> request(String action, Function<EurekaHttpClient, EurekaHttpResponse<T>> call,
			int... accepted) {
		List<String> problems = new ArrayList<>();
		for (Server server : this.servers) {
			try {
				EurekaHttpResponse<T> response = call.apply(server.client());
				int status = response.getStatusCode();
				if ((status >= 200 && status < 300) || contains(accepted, status)) {
					return response;
				}
				problems.add(server.display() + " answered " + status);
			}
			catch (RuntimeException ex) {
				problems.add("cannot connect to " + server.display() + ": " + RegistryErrors.rootMessage(ex));
			}
		}
		throw new RegistryException("Eureka: cannot " + action + ": " + String.join("; ", problems), null);
	}

	private static boolean contains(int[] values, int value) {
		for (int candidate : values) {
			if (candidate == value) {
				return true;
			}
		}
		return false;
	}

	// Service URLs may carry user info on other paths into this class; never show it.
	private static String display(String url) {
		try {
			URI uri = new URI(url);
			if (uri.getRawUserInfo() == null) {
				return url;
			}
			return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
		}
		catch (Exception ex) {
			return "a Eureka service URL";
		}
	}

	private record Server(String display, EurekaHttpClient client) {
	}

	/**
	 * One poll of an application; reschedules itself on the watch's worker.
	 */
	private final class Poll implements Runnable {

		private final String app;

		private final FluxSink<EndpointsUpdate> sink;

		private final Scheduler.Worker worker;

		private final Backoff backoff;

		Poll(String app, FluxSink<EndpointsUpdate> sink, Scheduler.Worker worker) {
			this.app = app;
			this.sink = sink;
			this.worker = worker;
			this.backoff = new Backoff(EurekaRegistryClient.this.options.retryBackoff());
		}

		@Override
		public void run() {
			try {
				this.worker.schedule(this::poll);
			}
			catch (RejectedExecutionException ignored) {
				// Cancelled.
			}
		}

		private void poll() {
			long delay = EurekaRegistryClient.this.options.pollInterval().toMillis();
			try {
				this.sink.next(read(this.app));
				this.backoff.reset();
			}
			catch (RuntimeException ex) {
				String message = (ex instanceof RegistryException) ? ex.getMessage()
						: "Eureka: cannot read application " + this.app + ": " + RegistryErrors.rootMessage(ex);
				logger.debug("Poll of Eureka application {} failed: {}", this.app, message);
				this.sink.next(new EndpointsUpdate.Failure(message));
				// Back off from a failing server, but never wait much longer than a poll.
				delay = Math.max(delay, this.backoff.nextMillis());
			}
			try {
				this.worker.schedule(this::poll, delay, TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ignored) {
				// Cancelled.
			}
		}

	}

}

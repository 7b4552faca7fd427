package io.portico.registry;

import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingFactory;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.listener.EventListener;
import com.alibaba.nacos.api.naming.listener.NamingEvent;
import com.alibaba.nacos.api.naming.pojo.Instance;
import com.alibaba.nacos.api.naming.pojo.ListView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A Nacos registry connection on the official Nacos client's {@link NamingService}.
 *
 * <p>
 * Endpoints are followed with the client's subscriptions: the server pushes every change
 * over the client's gRPC stream, and this class turns the client's events into
 * {@link EndpointsUpdate}s (healthy and enabled instances, weight × 100). The client
 * reconnects and re-subscribes by itself; this class watches its server status to report
 * a lost connection as a {@link EndpointsUpdate.Failure} and to re-read the endpoints
 * once it is back. The password goes to {@link NacosTokenAuthService} only, which logs in
 * without logging it (the client's own login logs its form at DEBUG); messages name the
 * user, never the password. The Nacos client's own logging configuration is turned off
 * (JVM-wide, see {@link #keepNacosLoggingInTheApplication()}) so that its lines go to the
 * application's logging, and its caches live under the temporary directory, not the home
 * directory. Example: <pre>
 * try (NacosRegistryClient client = new NacosRegistryClient(settings, RegistryClientOptions.defaults())) {
 *     client.watch(new ServiceRef("DEFAULT_GROUP", "httpbin", null)).subscribe(this::apply);
 * }
 * </pre>
 */
public class NacosRegistryClient implements RegistryClient {

	private static final Logger logger = LoggerFactory.getLogger(NacosRegistryClient.class);

	private static final String DEFAULT_GROUP = "DEFAULT_GROUP";

	private static final int PAGE_SIZE = 100;

	private static final AtomicInteger THREADS = new AtomicInteger();

	/** The Nacos switch of its own logging configuration. */
	static final String NACOS_LOGGING_PROPERTY = "nacos.logging.default.config.enabled";

	private final NacosSettings settings;

	private final SecretScrubber scrubber;

	private final RegistryClientOptions options;

	private final String address;

	private final String defaultGroup;

	private final ScheduledExecutorService scheduler;

	private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

	private CompletableFuture<NamingService> naming;

	private ScheduledFuture<?> statusPoll;

	private volatile boolean serverUp = true;

	private volatile boolean closed;

	/**
	 * Creates the client; it connects lazily: the Nacos client underneath is created on
	 * the first request, on a worker thread.
	 */
	public NacosRegistryClient(NacosSettings settings, RegistryClientOptions options) {
		keepNacosLoggingInTheApplication();
		this.settings = settings;
		this.scrubber = SecretScrubber.of(settings);
		this.options = options;
		this.address = settings.address();
		this.defaultGroup = settings.group().isEmpty() ? DEFAULT_GROUP : settings.group();
		this.scheduler = Executors.newScheduledThreadPool(1, (task) -> {
			Thread thread = new Thread(task, "portico-nacos-" + THREADS.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Keeps the Nacos client's log lines in the application's logging: Nacos would
	 * otherwise install its own logback configuration, writing to {@code ~/logs/nacos}.
	 *
	 * <p>
	 * This must be a JVM-wide system property: Nacos configures its logging once per JVM
	 * (the {@code NacosLogging} singleton, when the first Nacos client starts) from
	 * {@code NacosClientProperties.PROTOTYPE}, i.e. system properties and environment,
	 * and never from a client's own properties (which carry the same switch below, to no
	 * effect on logging). It is set before the first client starts, and only when unset,
	 * so that {@code -Dnacos.logging.default.config.enabled=true} still wins.
	 */
	static void keepNacosLoggingInTheApplication() {
		if (System.getProperty(NACOS_LOGGING_PROPERTY) == null) {
			System.setProperty(NACOS_LOGGING_PROPERTY, "false");
		}
	}

	Properties properties() {
		Properties properties = new Properties();
		properties.setProperty("serverAddr", this.address);
		if (!this.settings.namespaceId().isEmpty()) {
			properties.setProperty("namespace", this.settings.namespaceId());
		}
		long timeout = Math.max(1, this.options.requestTimeout().toMillis());
		if (!this.settings.username().isEmpty()) {
			// NacosTokenAuthService logs in: Nacos's own login logs the password (DEBUG).
			properties.setProperty(NacosTokenAuthService.USERNAME, this.settings.username());
			properties.setProperty(NacosTokenAuthService.PASSWORD, this.settings.password());
			properties.setProperty(NacosTokenAuthService.TIMEOUT, Long.toString(timeout));
		}
		properties.setProperty("namingRequestTimeout", Long.toString(timeout));
		properties.setProperty("nacos.remote.client.grpc.timeout", Long.toString(timeout));
		properties.setProperty("nacos.remote.client.grpc.server.check.timeout", Long.toString(Math.min(timeout, 3000)));
		// Connecting at start-up is tried (retry.times + 1) times, then asynchronously.
		properties.setProperty("nacos.remote.client.grpc.retry.times", "1");
		properties.setProperty("namingLoadCacheAtStart", "false");
		properties.setProperty("logAllProperties", "false");
		properties.setProperty(NACOS_LOGGING_PROPERTY, "false");
		properties.setProperty("JM.SNAPSHOT.PATH",
				new File(System.getProperty("java.io.tmpdir"), "portico-nacos-cache").getAbsolutePath());
		return properties;
	}

	/**
	 * The naming service, created once on a worker thread: creation connects and may take
	 * several seconds against an unreachable server.
	 */
	private synchronized CompletableFuture<NamingService> naming() {
		if (this.closed) {
			return CompletableFuture
				.failedFuture(new RegistryException("the Nacos client of " + this.address + " is closed", null));
		}
		if (this.naming == null || this.naming.isCompletedExceptionally()) {
			this.naming = CompletableFuture.supplyAsync(() -> {
				try {
					NamingService created = NamingFactory.createNamingService(properties());
					if (this.closed) {
						shutDown(created);
					}
					return created;
				}
				catch (NacosException ex) {
					throw new RegistryException(message(ex), null);
				}
			}, (task) -> Schedulers.boundedElastic().schedule(task));
		}
		return this.naming;
	}

	private <T> Mono<T> call(String what, NacosCall<T> call) {
		return Mono.fromFuture(this::naming, true).publishOn(Schedulers.boundedElastic()).map((naming) -> {
			try {
				return call.apply(naming);
			}
			catch (NacosException ex) {
				throw new RegistryException(message(ex), null);
			}
			catch (RuntimeException ex) {
				throw (ex instanceof RegistryException) ? ex : new RegistryException(
						"Nacos at " + this.address + " failed: " + scrub(ex.getMessage()), null);
			}
		})
			.timeout(this.options.requestTimeout().multipliedBy(2),
					Mono.error(() -> new RegistryException(
							"Nacos at " + this.address + " did not answer " + what + " within "
									+ this.options.requestTimeout().multipliedBy(2).toMillis() + " ms (unreachable?)",
							null)));
	}

	@Override
	public Mono<Void> check() {
		return call("the health check", (naming) -> {
			if (!"UP".equals(naming.getServerStatus())) {
				throw new RegistryException("Nacos at " + this.address + " is unreachable (no connection to it)", null);
			}
			// The status needs no credentials: list a service so a wrong password fails.
			naming.getServicesOfServer(1, 1, this.defaultGroup);
			return Boolean.TRUE;
		}).then();
	}

	@Override
	public Mono<List<RegistryService>> services() {
		return call("the service list", (naming) -> {
			List<RegistryService> services = new ArrayList<>();
			for (int page = 1;; page++) {
				ListView<String> view = naming.getServicesOfServer(page, PAGE_SIZE, this.defaultGroup);
				List<String> data = (view.getData() != null) ? view.getData() : List.of();
				data.forEach((name) -> services.add(new RegistryService(this.defaultGroup, name, null)));
				if (data.size() < PAGE_SIZE || services.size() >= view.getCount()) {
					break;
				}
			}
			services.sort(Comparator.comparing(RegistryService::namespace).thenComparing(RegistryService::name));
			return List.copyOf(services);
		});
	}

	@Override
	public Flux<EndpointsUpdate> watch(ServiceRef service) {
		String group = service.namespace().isEmpty() ? this.defaultGroup : service.namespace();
		return Flux.create((FluxSink<EndpointsUpdate> sink) -> {
			Watch watch = new Watch(service.serviceName(), group, sink);
			this.watches.add(watch);
			sink.onDispose(() -> {
				this.watches.remove(watch);
				watch.unsubscribe();
			});
			startStatusPoll();
			naming().whenComplete((naming, error) -> {
				if (error != null) {
					watch.fail(unwrap(error).getMessage());
				}
				else {
					this.scheduler.execute(() -> watch.subscribe(naming));
				}
			});
		}, FluxSink.OverflowStrategy.LATEST);
	}

	private synchronized void startStatusPoll() {
		if (this.statusPoll != null || this.closed) {
			return;
		}
		long period = Math.max(200, this.options.retryBackoff().toMillis());
		this.statusPoll = this.scheduler.scheduleWithFixedDelay(this::pollStatus, period, period,
				TimeUnit.MILLISECONDS);
	}

	/**
	 * The client reconnects by itself, silently: follow its status to report a lost
	 * server, and re-read (or subscribe) once it is back.
	 */
	private void pollStatus() {
		CompletableFuture<NamingService> future = this.naming;
		if (this.closed || future == null || !future.isDone() || future.isCompletedExceptionally()) {
			if (future != null && future.isCompletedExceptionally()) {
				naming();
			}
			return;
		}
		NamingService naming = future.join();
		boolean up = "UP".equals(naming.getServerStatus());
		boolean wasUp = this.serverUp;
		this.serverUp = up;
		for (Watch watch : this.watches) {
			if (!up) {
				watch
					.fail("Nacos at " + this.address + " is unreachable (connection lost; keeping the last endpoints)");
			}
			else if (!watch.subscribed) {
				watch.subscribe(naming);
			}
			else if (!wasUp || watch.stale) {
				watch.refresh(naming);
			}
		}
	}

	private final class Watch {

		private final String service;

		private final String group;

		private final FluxSink<EndpointsUpdate> sink;

		private final EventListener listener;

		private volatile boolean subscribed;

		private volatile boolean stale;

		private List<Endpoint> last;

		private String lastFailure;

		private NamingService naming;

		Watch(String service, String group, FluxSink<EndpointsUpdate> sink) {
			this.service = service;
			this.group = group;
			this.sink = sink;
			this.listener = (event) -> {
				if (event instanceof NamingEvent naming) {
					emit(naming.getInstances());
				}
			};
		}

		void subscribe(NamingService naming) {
			if (this.subscribed || this.sink.isCancelled()) {
				return;
			}
			try {
				naming.subscribe(this.service, this.group, this.listener);
				this.naming = naming;
				this.subscribed = true;
				// The subscription's first list also reaches the listener; reading it
				// here
				// reports it without waiting for the client's notifier thread.
				emit(naming.getAllInstances(this.service, this.group, true));
			}
			catch (NacosException | RuntimeException ex) {
				fail((ex instanceof NacosException nacos) ? message(nacos) : ex.getMessage());
			}
		}

		void refresh(NamingService naming) {
			try {
				emit(naming.getAllInstances(this.service, this.group, false));
			}
			catch (NacosException | RuntimeException ex) {
				fail((ex instanceof NacosException nacos) ? message(nacos) : ex.getMessage());
			}
		}

		synchronized void emit(List<Instance> instances) {
			List<Endpoint> endpoints = endpoints(instances);
			if (this.last == null || this.stale || !endpoints.equals(this.last)) {
				this.last = endpoints;
				this.stale = false;
				this.lastFailure = null;
				this.sink.next(new EndpointsUpdate.Endpoints(endpoints));
			}
		}

		synchronized void fail(String message) {
			String safe = scrub(message);
			this.stale = true;
			if (!safe.equals(this.lastFailure)) {
				this.lastFailure = safe;
				logger.warn("Watch of Nacos service '{}@@{}': {}", this.group, this.service, safe);
				this.sink.next(new EndpointsUpdate.Failure(safe));
			}
		}

		void unsubscribe() {
			NamingService current = this.naming;
			if (this.subscribed && current != null && !NacosRegistryClient.this.closed) {
				try {
					current.unsubscribe(this.service, this.group, this.listener);
				}
				catch (NacosException | RuntimeException ex) {
					logger.debug("Unsubscribing from Nacos service '{}@@{}' failed: {}", this.group, this.service,
							scrub(ex.getMessage()));
				}
			}
		}

	}

	static List<Endpoint> endpoints(List<Instance> instances) {
		List<Endpoint> endpoints = new ArrayList<>();
		if (instances != null) {
			for (Instance instance : instances) {
				if (instance.isHealthy() && instance.isEnabled() && instance.getIp() != null) {
					long weight = Math.round(instance.getWeight() * Endpoint.DEFAULT_WEIGHT);
					endpoints.add(new Endpoint(instance.getIp(), instance.getPort(),
							(int) Math.max(0, Math.min(Integer.MAX_VALUE, weight))));
				}
			}
		}
		endpoints.sort(Comparator.comparing(Endpoint::host).thenComparingInt(Endpoint::port));
		return List.copyOf(endpoints);
	}

	private String message(NacosException ex) {
		int code = ex.getErrCode();
		String detail = scrub(ex.getErrMsg());
		if (code == NacosException.NO_RIGHT) {
			String user = this.settings.username().isEmpty() ? "anonymous access"
					: "the credentials of user '" + this.settings.username() + "'";
			return "Nacos at " + this.address + " rejected " + user + " (403 " + detail + ")";
		}
		if (code == NacosException.CLIENT_DISCONNECT || detail.contains("not connected")) {
			return "Nacos at " + this.address + " is unreachable (" + detail + ")";
		}
		return "Nacos at " + this.address + " failed (" + code + " " + detail + ")";
	}

	private static RuntimeException unwrap(Throwable error) {
		Throwable cause = error;
		while ((cause instanceof java.util.concurrent.CompletionException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return (cause instanceof RuntimeException runtime) ? runtime : new RegistryException(cause.toString(), null);
	}

	// Nacos errors may carry no message; callers compare and log the result.
	private String scrub(String message) {
		return (message != null) ? this.scrubber.scrub(message) : "";
	}

	private static void shutDown(NamingService naming) {
		try {
			naming.shutDown();
		}
		catch (NacosException | RuntimeException ex) {
			logger.debug("Shutting the Nacos client down failed: {}", ex.getMessage());
		}
	}

	@Override
	public void close() {
		CompletableFuture<NamingService> current;
		synchronized (this) {
			this.closed = true;
			current = this.naming;
		}
		this.scheduler.shutdownNow();
		if (current != null) {
			current.thenAccept(NacosRegistryClient::shutDown);
		}
	}

	@FunctionalInterface
	private interface NacosCall<T> {

		T apply(NamingService naming) throws NacosException;

	}

}

package io.portico.registry;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.consul.ConsulAutoConfiguration;
import org.springframework.cloud.consul.ConsulClient;
import org.springframework.cloud.consul.ConsulClient.QueryParams;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * A Consul registry connection on Spring Cloud Consul's {@link ConsulClient}.
 *
 * <p>
 * Endpoints are followed with Consul's blocking queries on
 * {@code /v1/health/service/{name}?passing}: each request waits on the server until the
 * service's {@code X-Consul-Index} moves, so a change arrives as soon as Consul commits
 * it. The ACL token travels in the {@code X-Consul-Token} header only (never in a URL, so
 * it cannot reach an access log or an error message). Each watch owns one thread of this
 * client; {@link #close()} stops them. Example: <pre>
 * try (ConsulRegistryClient client = new ConsulRegistryClient(settings, RegistryClientOptions.defaults())) {
 *     client.watch(new ServiceRef("", "httpbin", null)).subscribe(this::apply);
 * }
 * </pre>
 */
public class ConsulRegistryClient implements RegistryClient {

	private static final Logger logger = LoggerFactory.getLogger(ConsulRegistryClient.class);

	private static final String TOKEN_HEADER = "X-Consul-Token";

	private static final String INDEX_HEADER = "X-Consul-Index";

	private static final int CONSUL_DEFAULT_WEIGHT = 1;

	private static final AtomicInteger THREADS = new AtomicInteger();

	private final ConsulSettings settings;

	private final SecretScrubber scrubber;

	private final RegistryClientOptions options;

	private final String address;

	private final ConsulClient consul;

	private final ConsulHealthApi health;

	private final ExecutorService watches;

	private volatile boolean closed;

	/**
	 * Creates the client; it connects lazily, on the first request.
	 */
	public ConsulRegistryClient(ConsulSettings settings, RegistryClientOptions options) {
		this.settings = settings;
		this.scrubber = SecretScrubber.of(settings);
		this.options = options;
		this.address = stripTrailingSlash(settings.address());
		this.consul = ConsulAutoConfiguration
			.createNewConsulClient(RestClientAdapter.create(restClient(options.requestTimeout())));
		// Blocking queries are held by the server for up to the wait plus Consul's jitter
		// of wait/16.
		Duration watchTimeout = options.blockingWait()
			.plus(options.blockingWait().dividedBy(16))
			.plus(options.requestTimeout());
		this.health = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient(watchTimeout)))
			.build()
			.createClient(ConsulHealthApi.class);
		this.watches = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "portico-consul-watch-" + THREADS.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	private RestClient restClient(Duration readTimeout) {
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(this.options.requestTimeout())
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(http);
		requestFactory.setReadTimeout(readTimeout);
		RestClient.Builder builder = RestClient.builder().baseUrl(this.address).requestFactory(requestFactory);
		if (!this.settings.token().isEmpty()) {
			builder.defaultHeader(TOKEN_HEADER, this.settings.token());
		}
		return builder.build();
	}

	@Override
	public Mono<Void> check() {
		return Mono.<Void>fromRunnable(() -> {
			try {
				ResponseEntity<String> leader = this.consul.getStatusLeader();
				String body = (leader.getBody() != null) ? leader.getBody().replace("\"", "").trim() : "";
				if (body.isEmpty()) {
					throw new RegistryException("Consul at " + this.address + " has no cluster leader", null);
				}
				// Status endpoints are not ACL-protected: read the catalog so a wrong
				// token
				// fails.
				this.consul.getCatalogServices(tokenOrNull(), queryParams());
			}
			catch (RuntimeException ex) {
				throw translate(ex);
			}
		}).subscribeOn(Schedulers.boundedElastic()).timeout(this.options.requestTimeout().multipliedBy(2));
	}

	@Override
	public Mono<List<RegistryService>> services() {
		return Mono.fromCallable(() -> {
			try {
				Map<String, List<String>> services = this.consul.getCatalogServices(tokenOrNull(), queryParams())
					.getBody();
				List<RegistryService> result = new ArrayList<>();
				if (services != null) {
					services.keySet()
						.stream()
						.sorted()
						.forEach((name) -> result.add(new RegistryService("", name, null)));
				}
				return List.copyOf(result);
			}
			catch (RuntimeException ex) {
				throw translate(ex);
			}
		}).subscribeOn(Schedulers.boundedElastic()).timeout(this.options.requestTimeout().multipliedBy(2));
	}

	@Override
	public Flux<EndpointsUpdate> watch(ServiceRef service) {
		return Flux.create((FluxSink<EndpointsUpdate> sink) -> {
			if (this.closed) {
				sink.error(new RegistryException("the Consul client of " + this.address + " is closed", null));
				return;
			}
			Future<?> task = this.watches.submit(() -> watchLoop(service.serviceName(), sink));
			sink.onDispose(() -> task.cancel(true));
		}, FluxSink.OverflowStrategy.LATEST);
	}

	private void watchLoop(String service, FluxSink<EndpointsUpdate> sink) {
		long index = 0;
		List<Endpoint> last = null;
		String failure = null;
		Backoff backoff = new Backoff(this.options.retryBackoff());
		String wait = Math.max(1, this.options.blockingWait().toMillis()) + "ms";
		while (!this.closed && !sink.isCancelled() && !Thread.currentThread().isInterrupted()) {
			try {
				ResponseEntity<List<ConsulHealthApi.Entry>> response = this.health.healthService(service, true,
						datacenterOrNull(), Long.toUnsignedString(index), wait);
				List<Endpoint> endpoints = endpoints(response.getBody());
				if (last == null || failure != null || !endpoints.equals(last)) {
					sink.next(new EndpointsUpdate.Endpoints(endpoints));
					last = endpoints;
					failure = null;
				}
				index = nextIndex(index, response.getHeaders().getFirst(INDEX_HEADER));
				backoff.reset();
			}
			catch (RuntimeException ex) {
				if (this.closed || sink.isCancelled() || Thread.currentThread().isInterrupted()) {
					return;
				}
				String message = translate(ex).getMessage();
				if (!message.equals(failure)) {
					logger.warn("Watch of Consul service '{}': {}", service, message);
					sink.next(new EndpointsUpdate.Failure(message));
					failure = message;
				}
				// Start over with a non-blocking read, so recovery is reported at once.
				index = 0;
				if (!pause(backoff.nextMillis())) {
					return;
				}
			}
		}
	}

	/**
	 * The next blocking index per Consul's rules: reset to 0 when it goes backwards, at
	 * least 1 otherwise.
	 */
	static long nextIndex(long previous, String header) {
		long next;
		try {
			next = (header != null) ? Long.parseUnsignedLong(header.trim()) : 0;
		}
		catch (NumberFormatException ex) {
			next = 0;
		}
		if (Long.compareUnsigned(next, previous) < 0) {
			return 0;
		}
		return (next < 1) ? 1 : next;
	}

	static List<Endpoint> endpoints(List<ConsulHealthApi.Entry> entries) {
		List<Endpoint> endpoints = new ArrayList<>();
		if (entries != null) {
			for (ConsulHealthApi.Entry entry : entries) {
				ConsulHealthApi.Service service = entry.service();
				if (service == null || service.port() == null) {
					continue;
				}
				String host = (service.address() != null && !service.address().isEmpty()) ? service.address()
						: ((entry.node() != null) ? entry.node().address() : null);
				if (host == null || host.isEmpty()) {
					continue;
				}
				Integer passing = (service.weights() != null) ? service.weights().get("Passing") : null;
				int weight = (passing != null) ? passing : CONSUL_DEFAULT_WEIGHT;
				endpoints.add(new Endpoint(host, service.port(),
						Math.max(0, weight) * (Endpoint.DEFAULT_WEIGHT / CONSUL_DEFAULT_WEIGHT)));
			}
		}
		endpoints.sort(Comparator.comparing(Endpoint::host).thenComparingInt(Endpoint::port));
		return List.copyOf(endpoints);
	}

	private static boolean pause(long millis) {
		try {
			Thread.sleep(millis);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private RegistryException translate(RuntimeException ex) {
		if (ex instanceof RegistryException registry) {
			return registry;
		}
		String message;
		if (ex instanceof RestClientResponseException response) {
			String body = response.getResponseBodyAsString().trim();
			int status = response.getStatusCode().value();
			if (status == 403) {
				message = "Consul at " + this.address + " rejected the ACL token (403 " + body + ")";
			}
			else {
				message = "Consul at " + this.address + " answered " + status + (body.isEmpty() ? "" : ": " + body);
			}
		}
		else if (ex instanceof ResourceAccessException) {
			message = "Consul at " + this.address + " is unreachable: " + RegistryErrors.rootMessage(ex);
		}
		else {
			message = "Consul at " + this.address + " failed: "
					+ ((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName());
		}
		return new RegistryException(this.scrubber.scrub(message), null);
	}

	private String tokenOrNull() {
		return this.settings.token().isEmpty() ? null : this.settings.token();
	}

	private String datacenterOrNull() {
		return this.settings.datacenter().isEmpty() ? null : this.settings.datacenter();
	}

	private QueryParams queryParams() {
		return this.settings.datacenter().isEmpty() ? QueryParams.DEFAULT : new QueryParams(this.settings.datacenter());
	}

	private static String stripTrailingSlash(String address) {
		String result = address;
		while (result.endsWith("/")) {
			result = result.substring(0, result.length() - 1);
		}
		return result;
	}

	@Override
	public void close() {
		this.closed = true;
		this.watches.shutdownNow();
	}

}

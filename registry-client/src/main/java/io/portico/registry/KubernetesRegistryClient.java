package io.portico.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A Kubernetes registry on the fabric8 client: checks by listing one namespace, browses
 * Services, and follows a service's {@code discovery.k8s.io/v1} EndpointSlices with a
 * list-then-watch loop ({@link KubernetesSliceWatch}). Example: <pre>
 * try (RegistryClient client = new KubernetesRegistryClient(
 *         new KubernetesSettings("https://10.0.0.1:6443", token), RegistryClientOptions.defaults())) {
 *     client.watch(new ServiceRef("default", "httpbin", "http")).subscribe(this::apply);
 * }
 * </pre>
 */
public class KubernetesRegistryClient implements RegistryClient {

	private final KubernetesClient client;

	private final KubernetesErrors errors;

	private final RegistryClientOptions options;

	private final Scheduler scheduler = Schedulers.boundedElastic();

	private final Set<KubernetesSliceWatch> watches = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	/**
	 * Creates the client; it connects lazily.
	 * @param settings the API server and token; an empty API server means the pod's
	 * in-cluster service account (fabric8's auto-configuration)
	 * @param options timeouts and back-off
	 */
	public KubernetesRegistryClient(KubernetesSettings settings, RegistryClientOptions options) {
		this.options = options;
		Config config = config(settings, options);
		this.errors = new KubernetesErrors(config.getMasterUrl(), SecretScrubber.of(settings));
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
			.onErrorMap((ex) -> this.errors.failure("cannot list namespaces", ex))
			.subscribeOn(this.scheduler);
	}

	@Override
	public Mono<List<RegistryService>> services() {
		return Mono.fromCallable(this::readServices)
			.onErrorMap((ex) -> this.errors.failure("cannot list services", ex))
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
			if (RegistryErrors.refusedAsClosed(this.closed, sink)) {
				return;
			}
			KubernetesSliceWatch watch = new KubernetesSliceWatch(this.client, this.scheduler, this.errors,
					this.options.retryBackoff(), service, sink, this.watches::remove);
			this.watches.add(watch);
			sink.onDispose(watch::stop);
			watch.start();
		}).distinctUntilChanged();
	}

	@Override
	public void close() {
		this.closed = true;
		for (KubernetesSliceWatch watch : List.copyOf(this.watches)) {
			watch.complete();
		}
		this.client.close();
	}

}

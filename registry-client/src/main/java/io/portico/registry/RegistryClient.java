package io.portico.registry;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A live connection to one service registry, built with that ecosystem's own client
 * library.
 *
 * <p>
 * The admin uses {@link #check()} and {@link #services()}; the gateway uses
 * {@link #watch(ServiceRef)}. Implementations are thread-safe; blocking libraries run on
 * a bounded elastic scheduler, never on an event loop. Example: <pre>
 * RegistryClientFactory factory = new DefaultRegistryClientFactory(RegistryClientOptions.defaults());
 * try (RegistryClient client = factory.create(connection)) {
 *     client.watch(new ServiceRef("default", "httpbin", null)).subscribe(this::apply);
 * }
 * </pre>
 */
public interface RegistryClient extends AutoCloseable {

	/**
	 * Connects and authenticates, as a health check.
	 * @return empty on success; a {@link RegistryException} with a clear, secret-free
	 * message otherwise
	 */
	Mono<Void> check();

	/**
	 * Lists what the registry offers, for a publish form or a script.
	 * @return the services, sorted by namespace and name
	 */
	Mono<List<RegistryService>> services();

	/**
	 * Follows the endpoints of one service: the current list on subscription, then a new
	 * list on every change (push-based registries within a second, polled ones within the
	 * poll interval). Errors are reported as {@link EndpointsUpdate.Failure} and retried
	 * with back-off; the flux ends only when cancelled.
	 * @param service the service
	 * @return the updates
	 */
	Flux<EndpointsUpdate> watch(ServiceRef service);

	/**
	 * Releases connections, watches and threads.
	 */
	@Override
	void close();

}

package io.portico.admin.registry;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.portico.registry.RegistryClient;
import io.portico.registry.RegistryClientFactory;
import io.portico.registry.RegistrySettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One {@link RegistryClient} per registry connection, built on first use, rebuilt when
 * the connection's settings change, closed when it is deleted and on shutdown.
 */
@Component
public class RegistryClientCache implements DisposableBean {

	private static final Log logger = LogFactory.getLog(RegistryClientCache.class);

	private final RegistryClientFactory factory;

	private final Map<String, Cached> clients = new ConcurrentHashMap<>();

	public RegistryClientCache(RegistryClientFactory factory) {
		this.factory = factory;
	}

	/**
	 * The client of a connection, built off the event loop when it is missing or was
	 * built for other settings.
	 * @param row the connection
	 * @return the client; an error when it cannot be built, or when the connection's
	 * secrets cannot be decrypted
	 */
	public Mono<RegistryClient> client(ServiceRegistryRow row) {
		return Mono.fromCallable(() -> obtain(row)).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Closes and forgets the client of a connection.
	 * @param id the connection id
	 */
	public void evict(String id) {
		Cached cached = this.clients.remove(id);
		if (cached != null) {
			closeLater(cached);
		}
	}

	/**
	 * Closes and forgets the clients of connections that no longer exist.
	 * @param ids the ids of the connections that exist
	 */
	public void retainOnly(Set<String> ids) {
		for (String id : Set.copyOf(this.clients.keySet())) {
			if (!ids.contains(id)) {
				evict(id);
			}
		}
	}

	/**
	 * The number of clients held.
	 * @return the count
	 */
	public int size() {
		return this.clients.size();
	}

	@Override
	public void destroy() {
		for (String id : Set.copyOf(this.clients.keySet())) {
			Cached cached = this.clients.remove(id);
			if (cached != null) {
				close(cached);
			}
		}
	}

	private RegistryClient obtain(ServiceRegistryRow row) {
		if (!row.secretsReadable()) {
			// Its settings hold empty secrets, not the real ones.
			throw new IllegalStateException(row.secretsProblem());
		}
		Cached[] replaced = new Cached[1];
		Cached cached = this.clients.compute(row.id(), (id, current) -> {
			if (current != null && current.settings().equals(row.settings())) {
				return current;
			}
			replaced[0] = current;
			return new Cached(row.id(), row.settings(), this.factory.create(row.connection()));
		});
		if (replaced[0] != null) {
			closeLater(replaced[0]);
		}
		return cached.client();
	}

	private static void closeLater(Cached cached) {
		// Some libraries block while they shut down.
		Schedulers.boundedElastic().schedule(() -> close(cached));
	}

	private static void close(Cached cached) {
		try {
			cached.client().close();
		}
		catch (RuntimeException ex) {
			logger.warn("Closing the client of service registry '" + cached.id() + "' failed: "
					+ RegistryMessages.scrub(String.valueOf(ex.getMessage()), cached.settings()));
		}
	}

	private record Cached(String id, RegistrySettings settings, RegistryClient client) {

	}

}

package io.portico.registry;

/**
 * Builds a {@link RegistryClient} for a registry connection; a bean in the admin and the
 * gateway, so tests can swap it.
 */
public interface RegistryClientFactory {

	/**
	 * Creates a client; it connects lazily.
	 * @param connection the connection with its settings
	 * @return a new client, to be closed by the caller
	 */
	RegistryClient create(RegistryConnection connection);

}

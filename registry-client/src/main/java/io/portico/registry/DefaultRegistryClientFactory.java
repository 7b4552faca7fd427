package io.portico.registry;

/**
 * Builds the client of each registry type on that ecosystem's own library.
 */
public class DefaultRegistryClientFactory implements RegistryClientFactory {

	private final RegistryClientOptions options;

	/**
	 * Creates the factory.
	 * @param options tuning shared by every client
	 */
	public DefaultRegistryClientFactory(RegistryClientOptions options) {
		this.options = options;
	}

	@Override
	public RegistryClient create(RegistryConnection connection) {
		// Implementations are merged from the registry-specific work in progress; until
		// then no type is
		// available, and callers report the connection as unhealthy with this message.
		throw new RegistryException("no client for registry type '" + connection.type().jsonValue()
				+ "' in this build (options " + this.options + ")", null);
	}

}

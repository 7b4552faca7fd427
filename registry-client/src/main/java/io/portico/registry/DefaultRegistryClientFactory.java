package io.portico.registry;

/**
 * Builds the client of each registry type on that ecosystem's own library.
 */
public class DefaultRegistryClientFactory implements RegistryClientFactory {

	private final RegistryClientOptions options;

	public DefaultRegistryClientFactory(RegistryClientOptions options) {
		this.options = options;
	}

	@Override
	public RegistryClient create(RegistryConnection connection) {
		switch (connection.type()) {
			case KUBERNETES:
				return new KubernetesRegistryClient((KubernetesSettings) connection.settings(), this.options);
			case EUREKA:
				return new EurekaRegistryClient((EurekaSettings) connection.settings(), this.options);
			case CONSUL:
				return new ConsulRegistryClient((ConsulSettings) connection.settings(), this.options);
			case NACOS:
				return new NacosRegistryClient((NacosSettings) connection.settings(), this.options);
			default:
				throw new RegistryException("no client for registry type '" + connection.type().jsonValue() + "'",
						null);
		}
	}

}

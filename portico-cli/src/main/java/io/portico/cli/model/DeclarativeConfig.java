package io.portico.cli.model;

import java.util.List;

/**
 * A declarative file (or several merged): the services it declares.
 *
 * @param services the services, in file order
 */
public record DeclarativeConfig(List<ServiceEntry> services) {

	public DeclarativeConfig {
		services = (services != null) ? List.copyOf(services) : List.of();
	}

}

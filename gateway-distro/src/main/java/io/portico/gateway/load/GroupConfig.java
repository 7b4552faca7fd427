package io.portico.gateway.load;

import java.util.List;

import io.portico.compiler.model.CompiledService;
import io.portico.registry.RegistryConnection;

/**
 * What the gateway group serves at one config revision: the services that compiled, the
 * registry connections they may use, and the rows that were skipped.
 *
 * @param revision the group's {@code config_revision} read before the rows
 * @param services the compiled services, served
 * @param registries the valid registry connections of the group
 * @param errors the skipped rows, reported
 */
public record GroupConfig(long revision, List<CompiledService> services, List<RegistryConnection> registries,
		List<ConfigError> errors) {

	public GroupConfig {
		services = List.copyOf(services);
		registries = List.copyOf(registries);
		errors = List.copyOf(errors);
	}

	/**
	 * A configuration without registry connections.
	 * @param revision the revision
	 * @param services the compiled services
	 * @param errors the skipped rows
	 */
	public GroupConfig(long revision, List<CompiledService> services, List<ConfigError> errors) {
		this(revision, services, List.of(), errors);
	}

}

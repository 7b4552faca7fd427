package io.portico.gateway.load;

import java.util.List;

import io.portico.compiler.model.CompiledService;
import io.portico.gateway.canary.CompiledCanary;
import io.portico.registry.RegistryConnection;

/**
 * What the gateway group serves at one config revision: the services that compiled, their
 * canaries, the registry connections they may use, and the rows (or canaries) that were
 * skipped.
 *
 * @param revision the group's {@code config_revision} read before the rows
 * @param services the compiled services, served
 * @param canaries the canaries that compiled, at most one per served service
 * @param registries the valid registry connections of the group
 * @param errors the skipped rows and canaries, reported
 */
public record GroupConfig(long revision, List<CompiledService> services, List<CompiledCanary> canaries,
		List<RegistryConnection> registries, List<ConfigError> errors) {

	public GroupConfig {
		services = List.copyOf(services);
		canaries = List.copyOf(canaries);
		registries = List.copyOf(registries);
		errors = List.copyOf(errors);
	}

	/**
	 * A configuration without canaries.
	 * @param revision the revision
	 * @param services the compiled services
	 * @param registries the valid registry connections
	 * @param errors the skipped rows
	 */
	public GroupConfig(long revision, List<CompiledService> services, List<RegistryConnection> registries,
			List<ConfigError> errors) {
		this(revision, services, List.of(), registries, errors);
	}

	/**
	 * A configuration without registry connections.
	 * @param revision the revision
	 * @param services the compiled services
	 * @param errors the skipped rows
	 */
	public GroupConfig(long revision, List<CompiledService> services, List<ConfigError> errors) {
		this(revision, services, List.of(), List.of(), errors);
	}

}

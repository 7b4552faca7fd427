package io.portico.gateway.load;

import java.util.List;

import io.portico.compiler.model.CompiledService;

/**
 * What the gateway group serves at one config revision: the services that compiled and
 * the rows that were skipped.
 *
 * @param revision the group's {@code config_revision} read before the rows
 * @param services the compiled services, served
 * @param errors the skipped rows, reported
 */
public record GroupConfig(long revision, List<CompiledService> services, List<ConfigError> errors) {

	public GroupConfig {
		services = List.copyOf(services);
		errors = List.copyOf(errors);
	}

}

package io.portico.gateway.sync;

import io.portico.gateway.load.PublishedConfigRepository;
import io.portico.gateway.load.PublishedServiceCompiler;

/**
 * Where a {@link ConfigReloader} takes a gateway group's configuration from: the group,
 * the repository that reads its published rows, and the compiler that turns them into
 * compiled services.
 *
 * @param group the gateway group
 * @param repository reads the group's rows
 * @param compiler compiles them
 */
public record ConfigSource(String group, PublishedConfigRepository repository, PublishedServiceCompiler compiler) {

}

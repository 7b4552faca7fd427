package io.portico.gateway.sync;

import io.portico.gateway.load.PublishedConfigRepository;
import io.portico.gateway.load.PublishedServiceCompiler;
import io.portico.gateway.snapshot.LocalSnapshots;

/**
 * Where a {@link ConfigReloader} takes a gateway group's configuration from: the group,
 * the repository that reads its published rows, the compiler that turns them into
 * compiled services, and the local snapshot served when the database does not answer.
 *
 * @param group the gateway group
 * @param repository reads the group's rows
 * @param compiler compiles them
 * @param snapshots the local snapshot
 */
public record ConfigSource(String group, PublishedConfigRepository repository, PublishedServiceCompiler compiler,
		LocalSnapshots snapshots) {

	/**
	 * A source without a local snapshot.
	 * @param group the gateway group
	 * @param repository reads the group's rows
	 * @param compiler compiles them
	 */
	public ConfigSource(String group, PublishedConfigRepository repository, PublishedServiceCompiler compiler) {
		this(group, repository, compiler, LocalSnapshots.disabled());
	}

}

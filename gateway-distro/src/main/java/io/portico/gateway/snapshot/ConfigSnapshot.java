package io.portico.gateway.snapshot;

import java.time.Instant;
import java.util.List;

import io.portico.gateway.load.PublishedServiceRow;
import io.portico.gateway.load.RegistryConnectionRow;

/**
 * What a gateway read from the database for one config revision of its group, with every
 * version's routes: enough to compile and serve the same table without the database.
 * Registry secrets stay as stored (encrypted).
 *
 * @param group the gateway group
 * @param revision the group's config revision
 * @param source the database it was read from (its URL without credentials), so that a
 * snapshot of another database is never served
 * @param writtenAt when it was written
 * @param services the group's published services, with routes
 * @param registries the group's registry connections
 */
public record ConfigSnapshot(String group, long revision, String source, Instant writtenAt,
		List<PublishedServiceRow> services, List<RegistryConnectionRow> registries) {

	public ConfigSnapshot {
		services = List.copyOf(services);
		registries = List.copyOf(registries);
	}

}

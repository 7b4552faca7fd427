package io.portico.admin.publish;

import io.portico.admin.registry.ServiceRegistryRepository;
import io.portico.admin.web.ApiException;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.Upstream;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Checks that a discovery upstream names a registry connection of the same gateway group.
 */
@Component
public class RegistryReferences {

	private final ServiceRegistryRepository registries;

	public RegistryReferences(ServiceRegistryRepository registries) {
		this.registries = registries;
	}

	/**
	 * Checks an upstream; nodes always pass.
	 * @param groupId the group the service is published in
	 * @param upstream the upstream
	 * @param field the JSON path of the registry id, for errors
	 * @return completion; 404 when the registry does not exist, 400 when it belongs to
	 * another group
	 */
	public Mono<Void> check(String groupId, Upstream upstream, String field) {
		if (!(upstream instanceof DiscoveryUpstream discovery)) {
			return Mono.empty();
		}
		String id = discovery.serviceRegistryId();
		return this.registries.findGroupId(id)
			.switchIfEmpty(Mono.error(() -> ApiException.notFound(field, "service registry", id)))
			.flatMap((owner) -> owner.equals(groupId) ? Mono.<Void>empty() : Mono.error(ApiException.badRequest(field,
					"service registry '" + id + "' belongs to gateway group '" + owner + "', not '" + groupId + "'")));
	}

}

package io.portico.admin.user;

import io.portico.admin.group.GatewayGroupDeletionListener;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Deletes the roles held in a gateway group together with the group.
 */
@Component
class UserRoleGroupCleanup implements GatewayGroupDeletionListener {

	private final UserRoleRepository roles;

	UserRoleGroupCleanup(UserRoleRepository roles) {
		this.roles = roles;
	}

	@Override
	public Mono<Void> groupDeleted(String groupId) {
		return this.roles.deleteByGroup(groupId).then();
	}

}

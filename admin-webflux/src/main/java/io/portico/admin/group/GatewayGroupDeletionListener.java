package io.portico.admin.group;

import reactor.core.publisher.Mono;

/**
 * Removes what belongs to a gateway group when the group is deleted, inside the
 * deletion's transaction. Lets packages that refer to groups (role grants) clean up
 * without the group package depending on them.
 */
public interface GatewayGroupDeletionListener {

	/**
	 * Called after the group's row was deleted, in the same transaction.
	 * @param groupId the deleted group
	 * @return completion; an error rolls the deletion back
	 */
	Mono<Void> groupDeleted(String groupId);

}

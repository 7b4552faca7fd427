package io.portico.admin.user;

import java.time.OffsetDateTime;

import io.portico.admin.access.RoleBinding;

/**
 * A row of {@code user_role}: one role of a user in one gateway group.
 *
 * @param id the id
 * @param userId the user
 * @param binding the role and its group
 * @param createdAt when granted
 */
public record UserRoleRow(String id, String userId, RoleBinding binding, OffsetDateTime createdAt) {

}

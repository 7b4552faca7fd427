package io.portico.admin.user;

import java.time.OffsetDateTime;

import io.portico.admin.access.Role;
import io.portico.admin.access.RoleBinding;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code user_role}.
 */
@Repository
public class UserRoleRepository {

	private final DatabaseClient db;

	public UserRoleRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * The roles of a user, oldest first. Rows naming a role this version does not know
	 * are skipped: they grant nothing.
	 * @param userId the user
	 * @return the rows
	 */
	public Flux<UserRoleRow> findByUser(String userId) {
		return this.db
			.sql("select id, user_id, role, gateway_group_id, created_at from user_role where user_id = :userId"
					+ " order by created_at, id")
			.bind("userId", userId)
			.map(UserRoleRepository::toRow)
			.all()
			.filter((row) -> row.binding() != null);
	}

	/**
	 * Inserts a role binding.
	 * @param row the row
	 * @return completion
	 */
	public Mono<Void> insert(UserRoleRow row) {
		return this.db
			.sql("insert into user_role (id, user_id, role, gateway_group_id, created_at)"
					+ " values (:id, :userId, :role, :groupId, :createdAt)")
			.bind("id", row.id())
			.bind("userId", row.userId())
			.bind("role", row.binding().role().value())
			.bind("groupId", row.binding().gatewayGroupId())
			.bind("createdAt", row.createdAt())
			.then();
	}

	/**
	 * Deletes one role of a user.
	 * @param userId the user
	 * @param id the role binding's id
	 * @return the number of rows deleted
	 */
	public Mono<Long> delete(String userId, String id) {
		return this.db.sql("delete from user_role where user_id = :userId and id = :id")
			.bind("userId", userId)
			.bind("id", id)
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Deletes every role held in a gateway group, when the group is deleted.
	 * @param groupId the group
	 * @return the number of rows deleted
	 */
	public Mono<Long> deleteByGroup(String groupId) {
		return this.db.sql("delete from user_role where gateway_group_id = :groupId")
			.bind("groupId", groupId)
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Counts the users holding a role anywhere.
	 * @param role the role
	 * @return the count of distinct users
	 */
	public Mono<Long> countUsersWith(Role role) {
		return this.db
			.sql("select count(distinct r.user_id) from user_role r join app_user u on u.id = r.user_id"
					+ " where r.role = :role and u.enabled = true")
			.bind("role", role.value())
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	private static UserRoleRow toRow(Readable row) {
		RoleBinding binding = Role.of(row.get("role", String.class))
			.map((role) -> new RoleBinding(role, row.get("gateway_group_id", String.class)))
			.orElse(null);
		return new UserRoleRow(row.get("id", String.class), row.get("user_id", String.class), binding,
				row.get("created_at", OffsetDateTime.class));
	}

}

package io.portico.admin.user;

import java.time.OffsetDateTime;

import io.portico.admin.store.Binds;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code app_user}.
 */
@Repository
public class UserRepository {

	private static final String COLUMNS = "id, username, display_name, password_hash, enabled, created_at, updated_at,"
			+ " last_login_at, row_version";

	private final DatabaseClient db;

	public UserRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Finds a user.
	 * @param id the id
	 * @return the row, or empty
	 */
	public Mono<UserRow> findById(String id) {
		return this.db.sql("select " + COLUMNS + " from app_user where id = :id")
			.bind("id", id)
			.map(UserRepository::toRow)
			.one();
	}

	/**
	 * Finds a user by sign-in name.
	 * @param username the name
	 * @return the row, or empty
	 */
	public Mono<UserRow> findByUsername(String username) {
		return this.db.sql("select " + COLUMNS + " from app_user where username = :username")
			.bind("username", username)
			.map(UserRepository::toRow)
			.one();
	}

	/**
	 * One page of users, by name.
	 * @param offset rows to skip
	 * @param limit rows to return
	 * @return the rows
	 */
	public Flux<UserRow> findPage(long offset, int limit) {
		return this.db.sql("select " + COLUMNS + " from app_user order by username limit :limit offset :offset")
			.bind("limit", limit)
			.bind("offset", offset)
			.map(UserRepository::toRow)
			.all();
	}

	/**
	 * Counts the users.
	 * @return the count
	 */
	public Mono<Long> count() {
		return this.db.sql("select count(*) from app_user").map((row) -> row.get(0, Long.class)).one();
	}

	/**
	 * Inserts a user.
	 * @param row the row
	 * @return completion
	 */
	public Mono<Void> insert(UserRow row) {
		return Binds
			.nullable(this.db.sql("insert into app_user (id, username, display_name, password_hash, enabled,"
					+ " created_at, updated_at, row_version) values (:id, :username, :displayName, :passwordHash,"
					+ " :enabled, :createdAt, :updatedAt, 0)"), "passwordHash", row.passwordHash(), String.class)
			.bind("id", row.id())
			.bind("username", row.username())
			.bind("displayName", row.displayName())
			.bind("enabled", row.enabled())
			.bind("createdAt", row.createdAt())
			.bind("updatedAt", row.updatedAt())
			.then();
	}

	/**
	 * Updates a user if the row is still at the given version.
	 * @param row the new values and the version read before
	 * @return the number of rows updated: 0 when another write came first
	 */
	public Mono<Long> update(UserRow row) {
		return Binds
			.nullable(
					this.db.sql("update app_user set display_name = :displayName, password_hash = :passwordHash,"
							+ " enabled = :enabled, updated_at = :updatedAt, row_version = row_version + 1"
							+ " where id = :id and row_version = :rowVersion"),
					"passwordHash", row.passwordHash(), String.class)
			.bind("id", row.id())
			.bind("displayName", row.displayName())
			.bind("enabled", row.enabled())
			.bind("updatedAt", row.updatedAt())
			.bind("rowVersion", row.rowVersion())
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Records a successful sign-in.
	 * @param id the user
	 * @param at when
	 * @return completion
	 */
	public Mono<Void> recordLogin(String id, OffsetDateTime at) {
		return this.db.sql("update app_user set last_login_at = :at where id = :id")
			.bind("id", id)
			.bind("at", at)
			.then();
	}

	/**
	 * Deletes a user with their roles and tokens.
	 * @param id the id
	 * @return the number of users deleted
	 */
	public Mono<Long> delete(String id) {
		return this.db.sql("delete from app_user where id = :id").bind("id", id).fetch().rowsUpdated();
	}

	private static UserRow toRow(Readable row) {
		return new UserRow(row.get("id", String.class), row.get("username", String.class),
				row.get("display_name", String.class), row.get("password_hash", String.class),
				Boolean.TRUE.equals(row.get("enabled", Boolean.class)), row.get("created_at", OffsetDateTime.class),
				row.get("updated_at", OffsetDateTime.class), row.get("last_login_at", OffsetDateTime.class),
				row.get("row_version", Long.class));
	}

}

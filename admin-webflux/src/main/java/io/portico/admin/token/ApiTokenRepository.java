package io.portico.admin.token;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.portico.admin.access.Role;
import io.portico.admin.access.RoleBinding;
import io.portico.admin.store.Binds;
import io.portico.admin.store.JsonColumns;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code api_token}.
 */
@Repository
public class ApiTokenRepository {

	private static final String COLUMNS = "id, user_id, name, token_hash, prefix, roles, expires_at, last_used_at,"
			+ " created_at";

	private final DatabaseClient db;

	private final JsonColumns json;

	public ApiTokenRepository(DatabaseClient db, JsonColumns json) {
		this.db = db;
		this.json = json;
	}

	/**
	 * Finds a token by its hash.
	 * @param tokenHash SHA-256 of the token, hex
	 * @return the row, or empty
	 */
	public Mono<ApiTokenRow> findByHash(String tokenHash) {
		return this.db.sql("select " + COLUMNS + " from api_token where token_hash = :hash")
			.bind("hash", tokenHash)
			.map(this::toRow)
			.one();
	}

	/**
	 * The tokens of a user, by name.
	 * @param userId the user
	 * @return the rows
	 */
	public Flux<ApiTokenRow> findByUser(String userId) {
		return this.db.sql("select " + COLUMNS + " from api_token where user_id = :userId order by name, id")
			.bind("userId", userId)
			.map(this::toRow)
			.all();
	}

	/**
	 * Inserts a token.
	 * @param row the row
	 * @return completion
	 */
	public Mono<Void> insert(ApiTokenRow row) {
		String roles = (row.roles() != null) ? this.json
			.writeStrings(row.roles().stream().map((b) -> b.role().value() + "@" + b.gatewayGroupId()).toList()) : null;
		var spec = this.db
			.sql("insert into api_token (" + COLUMNS + ") values (:id, :userId, :name, :hash, :prefix,"
					+ " :roles, :expiresAt, null, :createdAt)")
			.bind("id", row.id())
			.bind("userId", row.userId())
			.bind("name", row.name())
			.bind("hash", row.tokenHash())
			.bind("prefix", row.prefix())
			.bind("createdAt", row.createdAt());
		spec = Binds.nullable(spec, "roles", roles, String.class);
		spec = Binds.nullable(spec, "expiresAt", row.expiresAt(), OffsetDateTime.class);
		return spec.then();
	}

	/**
	 * Records a use, at most once a minute per token so that a busy script does not write
	 * on every request.
	 * @param id the token
	 * @param at when
	 * @return completion
	 */
	public Mono<Void> recordUse(String id, OffsetDateTime at) {
		return this.db
			.sql("update api_token set last_used_at = :at where id = :id"
					+ " and (last_used_at is null or last_used_at < :oneMinuteAgo)")
			.bind("id", id)
			.bind("at", at)
			.bind("oneMinuteAgo", at.minusMinutes(1))
			.then();
	}

	/**
	 * Deletes (revokes) a token of a user.
	 * @param userId the owner
	 * @param id the token
	 * @return the number of rows deleted
	 */
	public Mono<Long> delete(String userId, String id) {
		return this.db.sql("delete from api_token where user_id = :userId and id = :id")
			.bind("userId", userId)
			.bind("id", id)
			.fetch()
			.rowsUpdated();
	}

	private ApiTokenRow toRow(Readable row) {
		String roles = row.get("roles", String.class);
		List<RoleBinding> bindings = null;
		if (roles != null) {
			bindings = new ArrayList<>();
			for (String value : this.json.readStrings(roles)) {
				int at = value.indexOf('@');
				// An unknown role narrows to nothing rather than being dropped, which
				// would widen the token.
				Role role = (at > 0) ? Role.of(value.substring(0, at)).orElse(null) : null;
				if (role != null) {
					bindings.add(new RoleBinding(role, value.substring(at + 1)));
				}
			}
		}
		return new ApiTokenRow(row.get("id", String.class), row.get("user_id", String.class),
				row.get("name", String.class), row.get("token_hash", String.class), row.get("prefix", String.class),
				bindings, row.get("expires_at", OffsetDateTime.class), row.get("last_used_at", OffsetDateTime.class),
				row.get("created_at", OffsetDateTime.class));
	}

}

package io.portico.admin.registry;

import java.time.OffsetDateTime;

import io.portico.compiler.json.StoredFormat;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.registry.RegistryStoredFormat;
import io.portico.registry.RegistryType;
import io.portico.secrets.SecretCipher;
import io.portico.secrets.SecretUnreadableException;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code service_registry} and {@code service_registry_check}; settings and
 * secrets are kept apart in registry-client's stored format, which the gateway reads. The
 * {@code secrets} column is encrypted ({@link SecretCipher}, the row id as associated
 * data) unless there is nothing secret ({@code {}}); plain-text values written before
 * encryption are still read, and re-encrypted by {@link #reencrypt(String)}.
 */
@Repository
public class ServiceRegistryRepository {

	// What writeSecrets gives for a type without secrets: nothing to hide, and a gateway
	// without a key can still read the connection.
	private static final String NO_SECRETS = "{}";

	private static final String COLUMNS = "id, gateway_group_id, name, type, description, settings, secrets, status,"
			+ " last_error, last_checked_at, created_at, updated_at, row_version";

	private static final String CHECK_COLUMNS = "id, registry_id, status, error, duration_ms, checked_at";

	private final DatabaseClient db;

	private final SecretCipher cipher;

	/**
	 * Creates the repository.
	 * @param db the database client
	 * @param cipher encrypts and decrypts the {@code secrets} column
	 */
	public ServiceRegistryRepository(DatabaseClient db, SecretCipher cipher) {
		this.db = db;
		this.cipher = cipher;
	}

	/**
	 * Finds a connection.
	 * @param id the id
	 * @return the row, or empty
	 */
	public Mono<ServiceRegistryRow> findById(String id) {
		return this.db.sql("select " + COLUMNS + " from service_registry where id = :id")
			.bind("id", id)
			.map(this::toRow)
			.one();
	}

	/**
	 * The group a connection belongs to, without reading its settings.
	 * @param id the connection id
	 * @return the group id, or empty when the connection does not exist
	 */
	public Mono<String> findGroupId(String id) {
		return this.db.sql("select gateway_group_id from service_registry where id = :id")
			.bind("id", id)
			.map((row) -> row.get(0, String.class))
			.one();
	}

	/**
	 * Finds a connection of a group by name.
	 * @param groupId the group
	 * @param name the name
	 * @return the id, or empty
	 */
	public Mono<String> findIdByName(String groupId, String name) {
		return this.db.sql("select id from service_registry where gateway_group_id = :groupId and name = :name")
			.bind("groupId", groupId)
			.bind("name", name)
			.map((row) -> row.get(0, String.class))
			.one();
	}

	/**
	 * One page of a group's connections, by name.
	 * @param groupId the group
	 * @param offset rows to skip
	 * @param limit rows to return
	 * @return the rows
	 */
	public Flux<ServiceRegistryRow> findPage(String groupId, long offset, int limit) {
		return this.db
			.sql("select " + COLUMNS + " from service_registry where gateway_group_id = :groupId"
					+ " order by name, id limit :limit offset :offset")
			.bind("groupId", groupId)
			.bind("limit", limit)
			.bind("offset", offset)
			.map(this::toRow)
			.all();
	}

	/**
	 * Counts a group's connections.
	 * @param groupId the group
	 * @return the count
	 */
	public Mono<Long> count(String groupId) {
		return this.db.sql("select count(*) from service_registry where gateway_group_id = :groupId")
			.bind("groupId", groupId)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	/**
	 * Every connection of every group, for the health checks.
	 * @return the rows
	 */
	public Flux<ServiceRegistryRow> findAll() {
		return this.db.sql("select " + COLUMNS + " from service_registry order by id").map(this::toRow).all();
	}

	/**
	 * Inserts a connection with status {@code connecting}.
	 * @param row the row
	 * @return completion
	 */
	public Mono<Void> insert(ServiceRegistryRow row) {
		return this.db
			.sql("insert into service_registry (id, gateway_group_id, name, type, description, settings, secrets,"
					+ " status, created_at, updated_at, row_version) values (:id, :groupId, :name, :type, :description,"
					+ " :settings, :secrets, :status, :createdAt, :updatedAt, 0)")
			.bind("id", row.id())
			.bind("groupId", row.gatewayGroupId())
			.bind("name", row.name())
			.bind("type", row.type().jsonValue())
			.bind("description", row.description())
			.bind("settings", RegistryStoredFormat.writeSettings(row.settings()))
			.bind("secrets", sealedSecrets(row))
			.bind("status", row.status())
			.bind("createdAt", row.createdAt())
			.bind("updatedAt", row.updatedAt())
			.then();
	}

	/**
	 * Replaces name, description, type, settings and status if the row is still at the
	 * given version.
	 * @param row the new values and the version read before
	 * @return the number of rows updated: 0 when another write came first
	 */
	public Mono<Long> update(ServiceRegistryRow row) {
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql("update service_registry set name = :name, type = :type, description = :description,"
					+ " settings = :settings, secrets = :secrets, status = :status, last_error = :lastError,"
					+ " updated_at = :updatedAt, row_version = row_version + 1"
					+ " where id = :id and row_version = :rowVersion")
			.bind("id", row.id())
			.bind("name", row.name())
			.bind("type", row.type().jsonValue())
			.bind("description", row.description())
			.bind("settings", RegistryStoredFormat.writeSettings(row.settings()))
			.bind("secrets", sealedSecrets(row))
			.bind("status", row.status())
			.bind("updatedAt", row.updatedAt())
			.bind("rowVersion", row.rowVersion());
		spec = (row.lastError() != null) ? spec.bind("lastError", row.lastError())
				: spec.bindNull("lastError", String.class);
		return spec.fetch().rowsUpdated();
	}

	/**
	 * The ids of every connection, for re-encrypting them one by one.
	 * @return the ids
	 */
	public Flux<String> findAllIds() {
		return this.db.sql("select id from service_registry order by id").map((row) -> row.get(0, String.class)).all();
	}

	/**
	 * Re-encrypts a connection's secrets under the current key when they are in plain
	 * text or under a previous key. The row is rewritten only if its secrets are still
	 * the ones read (a concurrent edit writes under the current key anyway); neither the
	 * row version nor the group's revision changes, since the secrets do not.
	 * @param id the connection
	 * @return what was done; empty when the connection does not exist
	 */
	public Mono<ReencryptOutcome> reencrypt(String id) {
		return this.db.sql("select secrets from service_registry where id = :id")
			.bind("id", id)
			.map((row) -> row.get(0, String.class))
			.one()
			.flatMap((stored) -> {
				if (NO_SECRETS.equals(stored) || this.cipher.isCurrent(stored)) {
					return Mono.just(ReencryptOutcome.ALREADY_CURRENT);
				}
				String sealed;
				try {
					sealed = this.cipher.reencrypt(stored, id);
				}
				catch (SecretUnreadableException ex) {
					return Mono.just(ReencryptOutcome.UNREADABLE);
				}
				return this.db.sql("update service_registry set secrets = :sealed where id = :id and secrets = :stored")
					.bind("sealed", sealed)
					.bind("id", id)
					.bind("stored", stored)
					.fetch()
					.rowsUpdated()
					.map((count) -> (count == 1) ? ReencryptOutcome.REENCRYPTED : ReencryptOutcome.ALREADY_CURRENT);
			});
	}

	/**
	 * Deletes a connection and its check history.
	 * @param id the id
	 * @return the number of connections deleted
	 */
	public Mono<Long> delete(String id) {
		return this.db.sql("delete from service_registry_check where registry_id = :id")
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.then(this.db.sql("delete from service_registry where id = :id").bind("id", id).fetch().rowsUpdated());
	}

	/**
	 * The services published in a group whose current runtime discovers through a
	 * connection.
	 * @param groupId the group
	 * @param registryId the connection
	 * @return the service ids
	 */
	public Flux<String> findServicesUsing(String groupId, String registryId) {
		return this.db
			.sql("select service_id, runtime from published_service where gateway_group_id = :groupId"
					+ " and upstream_kind = :kind order by service_id")
			.bind("groupId", groupId)
			.bind("kind", DiscoveryUpstream.KIND)
			.map((row) -> new PublishedRuntime(row.get("service_id", String.class), row.get("runtime", String.class)))
			.all()
			.filter((published) -> published.uses(registryId))
			.map(PublishedRuntime::serviceId);
	}

	/**
	 * Records the outcome of a check on the connection, unless it was edited (or deleted)
	 * since the check started: that outcome was for settings that no longer apply.
	 * @param id the connection
	 * @param rowVersion the row version the check used
	 * @param status the new status
	 * @param error the error, or {@code null}
	 * @param checkedAt when the check ended
	 * @return the number of rows updated: 1, or 0 when the outcome is stale
	 */
	public Mono<Long> recordStatus(String id, long rowVersion, String status, String error, OffsetDateTime checkedAt) {
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql("update service_registry set status = :status, last_error = :error, last_checked_at = :checkedAt"
					+ " where id = :id and row_version = :rowVersion")
			.bind("id", id)
			.bind("rowVersion", rowVersion)
			.bind("status", status)
			.bind("checkedAt", checkedAt);
		spec = (error != null) ? spec.bind("error", error) : spec.bindNull("error", String.class);
		return spec.fetch().rowsUpdated();
	}

	/**
	 * Appends a check to the history.
	 * @param check the check
	 * @return completion
	 */
	public Mono<Void> insertCheck(RegistryCheckRow check) {
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql("insert into service_registry_check (" + CHECK_COLUMNS + ") values (:id, :registryId, :status,"
					+ " :error, :durationMs, :checkedAt)")
			.bind("id", check.id())
			.bind("registryId", check.registryId())
			.bind("status", check.status())
			.bind("durationMs", check.durationMs())
			.bind("checkedAt", check.checkedAt());
		spec = (check.error() != null) ? spec.bind("error", check.error()) : spec.bindNull("error", String.class);
		return spec.then();
	}

	/**
	 * Keeps only the newest checks of a connection.
	 * @param registryId the connection
	 * @param keep how many to keep
	 * @return completion
	 */
	public Mono<Void> pruneChecks(String registryId, int keep) {
		return this.db
			.sql("select checked_at from service_registry_check where registry_id = :registryId"
					+ " order by checked_at desc, id desc limit 1 offset :offset")
			.bind("registryId", registryId)
			.bind("offset", keep)
			.map((row) -> row.get(0, OffsetDateTime.class))
			.one()
			.flatMap((newestDropped) -> this.db
				.sql("delete from service_registry_check where registry_id = :registryId"
						+ " and checked_at <= :newestDropped")
				.bind("registryId", registryId)
				.bind("newestDropped", newestDropped)
				.then());
	}

	/**
	 * One page of a connection's checks, newest first.
	 * @param registryId the connection
	 * @param offset rows to skip
	 * @param limit rows to return
	 * @return the rows
	 */
	public Flux<RegistryCheckRow> findChecks(String registryId, long offset, int limit) {
		return this.db
			.sql("select " + CHECK_COLUMNS + " from service_registry_check where registry_id = :registryId"
					+ " order by checked_at desc, id desc limit :limit offset :offset")
			.bind("registryId", registryId)
			.bind("limit", limit)
			.bind("offset", offset)
			.map((row) -> new RegistryCheckRow(row.get("id", String.class), row.get("registry_id", String.class),
					row.get("status", String.class), row.get("error", String.class), row.get("duration_ms", Long.class),
					row.get("checked_at", OffsetDateTime.class)))
			.all();
	}

	/**
	 * Counts a connection's checks.
	 * @param registryId the connection
	 * @return the count
	 */
	public Mono<Long> countChecks(String registryId) {
		return this.db.sql("select count(*) from service_registry_check where registry_id = :registryId")
			.bind("registryId", registryId)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	private String sealedSecrets(ServiceRegistryRow row) {
		String secrets = RegistryStoredFormat.writeSecrets(row.settings());
		return NO_SECRETS.equals(secrets) ? secrets : this.cipher.encrypt(secrets, row.id());
	}

	private ServiceRegistryRow toRow(Readable row) {
		String id = row.get("id", String.class);
		String typeValue = row.get("type", String.class);
		RegistryType type = RegistryType.fromJson(typeValue);
		if (type == null) {
			throw new IllegalStateException("service_registry row has unknown type '" + typeValue + "'");
		}
		String stored = row.get("secrets", String.class);
		String secrets = null;
		SecretsState state;
		String problem = null;
		try {
			secrets = this.cipher.decrypt(stored, id);
			state = (NO_SECRETS.equals(stored) || this.cipher.isCurrent(stored)) ? SecretsState.CURRENT
					: SecretsState.STALE;
		}
		catch (SecretUnreadableException ex) {
			// The row is still listed and shown, with empty secrets and the reason.
			state = SecretsState.UNREADABLE;
			problem = ex.getMessage();
		}
		return new ServiceRegistryRow(id, row.get("gateway_group_id", String.class), row.get("name", String.class),
				row.get("description", String.class),
				RegistryStoredFormat.read(type, row.get("settings", String.class), secrets),
				row.get("status", String.class), row.get("last_error", String.class),
				row.get("last_checked_at", OffsetDateTime.class), row.get("created_at", OffsetDateTime.class),
				row.get("updated_at", OffsetDateTime.class), row.get("row_version", Long.class), state, problem);
	}

	private record PublishedRuntime(String serviceId, String runtime) {

		boolean uses(String registryId) {
			return StoredFormat.readRuntime(this.runtime).upstream() instanceof DiscoveryUpstream discovery
					&& registryId.equals(discovery.serviceRegistryId());
		}

	}

}

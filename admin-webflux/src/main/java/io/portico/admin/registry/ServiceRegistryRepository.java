package io.portico.admin.registry;

import java.time.OffsetDateTime;

import io.portico.compiler.json.StoredFormat;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.registry.RegistryStoredFormat;
import io.portico.registry.RegistryType;
import io.portico.secrets.SecretCipher;
import io.portico.secrets.SecretUnreadableException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.data.relational.core.query.Criteria;
import org.springframework.data.relational.core.query.Query;
import org.springframework.data.relational.core.query.Update;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code service_registry} ({@link ServiceRegistryEntity}) and
 * {@code service_registry_check} ({@link RegistryCheckRow}) through Spring Data; settings
 * and secrets are kept apart in registry-client's stored format, which the gateway reads.
 * The {@code secrets} column is encrypted ({@link SecretCipher}, the row id as associated
 * data) unless there is nothing secret ({@code {}}); plain-text values written before
 * encryption are still read, and re-encrypted by {@link #reencrypt(String)}. One
 * statement stays SQL: the lookup of the published services that use a connection, which
 * reads another table.
 */
@Repository
public class ServiceRegistryRepository {

	// What writeSecrets gives for a type without secrets: nothing to hide, and a gateway
	// without a key can still read the connection.
	private static final String NO_SECRETS = "{}";

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("checkedAt"), Sort.Order.desc("id"));

	private final R2dbcEntityTemplate entities;

	private final DatabaseClient db;

	private final SecretCipher cipher;

	public ServiceRegistryRepository(R2dbcEntityTemplate entities, DatabaseClient db, SecretCipher cipher) {
		this.entities = entities;
		this.db = db;
		this.cipher = cipher;
	}

	/**
	 * Finds a connection.
	 * @param id the id
	 * @return the row, or empty
	 */
	public Mono<ServiceRegistryRow> findById(String id) {
		return findEntity(id).map(this::toRow);
	}

	/**
	 * The group a connection belongs to, without decrypting its secrets.
	 * @param id the connection id
	 * @return the group id, or empty when the connection does not exist
	 */
	public Mono<String> findGroupId(String id) {
		return findEntity(id).map(ServiceRegistryEntity::gatewayGroupId);
	}

	/**
	 * Finds a connection of a group by name.
	 * @param groupId the group
	 * @param name the name
	 * @return the id, or empty
	 */
	public Mono<String> findIdByName(String groupId, String name) {
		return this.entities
			.selectOne(Query.query(Criteria.where("gatewayGroupId").is(groupId).and("name").is(name)),
					ServiceRegistryEntity.class)
			.map(ServiceRegistryEntity::id);
	}

	/**
	 * One page of a group's connections, by name.
	 * @param groupId the group
	 * @param offset rows to skip
	 * @param limit rows to return
	 * @return the rows
	 */
	public Flux<ServiceRegistryRow> findPage(String groupId, long offset, int limit) {
		return this.entities
			.select(inGroup(groupId).sort(Sort.by("name", "id")).offset(offset).limit(limit),
					ServiceRegistryEntity.class)
			.map(this::toRow);
	}

	/**
	 * Counts a group's connections.
	 * @param groupId the group
	 * @return the count
	 */
	public Mono<Long> count(String groupId) {
		return this.entities.count(inGroup(groupId), ServiceRegistryEntity.class);
	}

	/**
	 * Every connection of every group, for the health checks.
	 * @return the rows
	 */
	public Flux<ServiceRegistryRow> findAll() {
		return this.entities.select(Query.empty().sort(Sort.by("id")), ServiceRegistryEntity.class).map(this::toRow);
	}

	/**
	 * Inserts a connection with status {@code connecting}.
	 * @param row the row
	 * @return completion
	 */
	public Mono<Void> insert(ServiceRegistryRow row) {
		return this.entities
			.insert(new ServiceRegistryEntity(row.id(), row.gatewayGroupId(), row.name(), row.type().jsonValue(),
					row.description(), RegistryStoredFormat.writeSettings(row.settings()), sealedSecrets(row),
					row.status(), null, null, row.createdAt(), row.updatedAt(), 0))
			.then();
	}

	/**
	 * Replaces name, description, type, settings and status if the row is still at the
	 * given version.
	 * @param row the new values and the version read before
	 * @return the number of rows updated: 0 when another write came first
	 */
	public Mono<Long> update(ServiceRegistryRow row) {
		return this.entities.update(atVersion(row.id(), row.rowVersion()),
				Update.update("name", row.name())
					.set("type", row.type().jsonValue())
					.set("description", row.description())
					.set("settings", RegistryStoredFormat.writeSettings(row.settings()))
					.set("secrets", sealedSecrets(row))
					.set("status", row.status())
					.set("lastError", row.lastError())
					.set("updatedAt", row.updatedAt())
					.set("rowVersion", row.rowVersion() + 1),
				ServiceRegistryEntity.class);
	}

	/**
	 * The ids of every connection, for re-encrypting them one by one.
	 * @return the ids
	 */
	public Flux<String> findAllIds() {
		return this.entities.select(Query.empty().sort(Sort.by("id")), ServiceRegistryEntity.class)
			.map(ServiceRegistryEntity::id);
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
		return findEntity(id).map(ServiceRegistryEntity::secrets).flatMap((stored) -> {
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
			// A compare-and-set on the secrets column, not on the row version: the
			// connection's settings do not change.
			return this.entities
				.update(Query.query(Criteria.where("id").is(id).and("secrets").is(stored)),
						Update.update("secrets", sealed), ServiceRegistryEntity.class)
				.map((count) -> (count == 1) ? ReencryptOutcome.REENCRYPTED : ReencryptOutcome.ALREADY_CURRENT);
		});
	}

	/**
	 * Deletes a connection and its check history.
	 * @param id the id
	 * @return the number of connections deleted
	 */
	public Mono<Long> delete(String id) {
		return this.entities.delete(checksOf(id), RegistryCheckRow.class)
			.then(this.entities.delete(Query.query(Criteria.where("id").is(id)), ServiceRegistryEntity.class));
	}

	/**
	 * The services published in a group whose current runtime discovers through a
	 * connection.
	 * @param groupId the group
	 * @param registryId the connection
	 * @return the service ids
	 */
	public Flux<String> findServicesUsing(String groupId, String registryId) {
		// SQL: reads published_service, whose runtime JSON only the compiler's format
		// reads.
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
		return this.entities.update(atVersion(id, rowVersion),
				Update.update("status", status).set("lastError", error).set("lastCheckedAt", checkedAt),
				ServiceRegistryEntity.class);
	}

	/**
	 * Appends a check to the history.
	 * @param check the check
	 * @return completion
	 */
	public Mono<Void> insertCheck(RegistryCheckRow check) {
		return this.entities.insert(check).then();
	}

	/**
	 * Keeps only the newest checks of a connection.
	 * @param registryId the connection
	 * @param keep how many to keep
	 * @return completion
	 */
	public Mono<Void> pruneChecks(String registryId, int keep) {
		return this.entities
			.select(checksOf(registryId).sort(NEWEST_FIRST).offset(keep).limit(1), RegistryCheckRow.class)
			.next()
			.flatMap((newestDropped) -> this.entities.delete(Query.query(Criteria.where("registryId")
				.is(registryId)
				.and("checkedAt")
				.lessThanOrEquals(newestDropped.checkedAt())), RegistryCheckRow.class))
			.then();
	}

	/**
	 * One page of a connection's checks, newest first.
	 * @param registryId the connection
	 * @param offset rows to skip
	 * @param limit rows to return
	 * @return the rows
	 */
	public Flux<RegistryCheckRow> findChecks(String registryId, long offset, int limit) {
		return this.entities.select(checksOf(registryId).sort(NEWEST_FIRST).offset(offset).limit(limit),
				RegistryCheckRow.class);
	}

	/**
	 * Counts a connection's checks.
	 * @param registryId the connection
	 * @return the count
	 */
	public Mono<Long> countChecks(String registryId) {
		return this.entities.count(checksOf(registryId), RegistryCheckRow.class);
	}

	private Mono<ServiceRegistryEntity> findEntity(String id) {
		return this.entities.selectOne(Query.query(Criteria.where("id").is(id)), ServiceRegistryEntity.class);
	}

	private static Query inGroup(String groupId) {
		return Query.query(Criteria.where("gatewayGroupId").is(groupId));
	}

	private static Query atVersion(String id, long rowVersion) {
		return Query.query(Criteria.where("id").is(id).and("rowVersion").is(rowVersion));
	}

	private static Query checksOf(String registryId) {
		return Query.query(Criteria.where("registryId").is(registryId));
	}

	private String sealedSecrets(ServiceRegistryRow row) {
		String secrets = RegistryStoredFormat.writeSecrets(row.settings());
		return NO_SECRETS.equals(secrets) ? secrets : this.cipher.encrypt(secrets, row.id());
	}

	private ServiceRegistryRow toRow(ServiceRegistryEntity row) {
		String id = row.id();
		RegistryType type = RegistryType.fromJson(row.type());
		if (type == null) {
			throw new IllegalStateException("service_registry row has unknown type '" + row.type() + "'");
		}
		String stored = row.secrets();
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
		return new ServiceRegistryRow(id, row.gatewayGroupId(), row.name(), row.description(),
				RegistryStoredFormat.read(type, row.settings(), secrets), row.status(), row.lastError(),
				row.lastCheckedAt(), row.createdAt(), row.updatedAt(), row.rowVersion(), state, problem);
	}

	private record PublishedRuntime(String serviceId, String runtime) {

		boolean uses(String registryId) {
			return StoredFormat.readRuntime(this.runtime).upstream() instanceof DiscoveryUpstream discovery
					&& registryId.equals(discovery.serviceRegistryId());
		}

	}

}

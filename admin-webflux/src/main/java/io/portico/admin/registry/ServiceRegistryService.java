package io.portico.admin.registry;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.portico.admin.config.AdminProperties;
import io.portico.admin.group.GatewayGroupRevisions;
import io.portico.admin.group.GatewayGroupService;
import io.portico.admin.store.Database;
import io.portico.admin.web.ApiException;
import io.portico.admin.web.ApiFieldError;
import io.portico.admin.web.Ids;
import io.portico.admin.web.ListResponse;
import io.portico.admin.web.PageQuery;
import io.portico.compiler.FieldError;
import io.portico.registry.ConsulSettings;
import io.portico.registry.EurekaSettings;
import io.portico.registry.KubernetesSettings;
import io.portico.registry.NacosSettings;
import io.portico.registry.RegistrySettings;
import io.portico.registry.RegistrySettingsRules;
import io.portico.registry.RegistryType;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, edits, deletes and browses the registry connections of gateway groups; every
 * write is one transaction that also bumps the group's config revision, so that its
 * gateways rebuild their registry clients.
 */
@Service
public class ServiceRegistryService {

	static final String TYPES = "kubernetes, consul, eureka, nacos";

	private final ServiceRegistryRepository registries;

	private final GatewayGroupService groups;

	private final GatewayGroupRevisions revisions;

	private final RegistryClientCache clients;

	private final Database database;

	private final Duration timeout;

	public ServiceRegistryService(ServiceRegistryRepository registries, GatewayGroupService groups,
			GatewayGroupRevisions revisions, RegistryClientCache clients, Database database,
			AdminProperties properties) {
		this.registries = registries;
		this.groups = groups;
		this.revisions = revisions;
		this.clients = clients;
		this.database = database;
		this.timeout = properties.registries().checkTimeout();
	}

	/**
	 * Finds a connection of a group or fails with 404.
	 * @param groupId the group
	 * @param id the connection id
	 * @return the connection
	 */
	public Mono<ServiceRegistryRow> require(String groupId, String id) {
		return this.groups.require(groupId, "gateway_group_id")
			.then(this.registries.findById(id))
			.filter((row) -> row.gatewayGroupId().equals(groupId))
			.switchIfEmpty(Mono
				.error(() -> ApiException.notFound("id", "service registry of gateway group '" + groupId + "'", id)));
	}

	@Transactional(readOnly = true)
	public Mono<ListResponse<ServiceRegistryResponse>> list(String groupId, PageQuery page) {
		return this.groups.require(groupId, "gateway_group_id")
			.thenMany(this.registries.findPage(groupId, page.offset(), page.pageSize()))
			.map(ServiceRegistryResponse::of)
			.collectList()
			.zipWith(this.registries.count(groupId), ListResponse::new);
	}

	@Transactional(readOnly = true)
	public Mono<ServiceRegistryResponse> get(String groupId, String id) {
		return require(groupId, id).map(ServiceRegistryResponse::of);
	}

	@Transactional
	public Mono<ServiceRegistryResponse> create(String groupId, ServiceRegistryRequest request) {
		String id = Ids.orRandom(request.id());
		return this.groups.require(groupId, "gateway_group_id")
			.then(Mono.fromCallable(() -> settings(request, null)))
			.flatMap((settings) -> {
				OffsetDateTime now = this.database.now();
				ServiceRegistryRow row = new ServiceRegistryRow(id, groupId, request.name(),
						text(request.description()), settings, RegistryStatus.CONNECTING.jsonValue(), null, null, now,
						now, 0);
				Mono<Void> idFree = this.registries.findGroupId(id)
					.flatMap((existing) -> Mono
						.<Void>error(ApiException.conflict("id", "service registry id '" + id + "' already exists")))
					.then();
				return idFree.then(nameFree(groupId, request.name(), id))
					.then(this.registries.insert(row))
					.then(this.revisions.bump(groupId));
			})
			.onErrorMap(DuplicateKeyException.class,
					(ex) -> ApiException.conflict("name", "a service registry with this name or id already exists"))
			.then(this.registries.findById(id))
			.map(ServiceRegistryResponse::of);
	}

	@Transactional
	public Mono<ServiceRegistryResponse> update(String groupId, String id, ServiceRegistryRequest request) {
		if (request.id() != null && !request.id().equals(id)) {
			return Mono.error(ApiException.badRequest("id", "must match the id in the path, or be left out"));
		}
		return require(groupId, id).flatMap((current) -> {
			keepsUnreadableSecret(request, current);
			RegistrySettings settings = settings(request, current.settings());
			// New settings have not been checked yet; a rename keeps what is known.
			boolean changed = !settings.equals(current.settings());
			ServiceRegistryRow updated = new ServiceRegistryRow(id, groupId, request.name(),
					text(request.description()), settings,
					changed ? RegistryStatus.CONNECTING.jsonValue() : current.status(),
					changed ? null : current.lastError(), current.lastCheckedAt(), current.createdAt(),
					this.database.now(), current.rowVersion());
			return nameFree(groupId, request.name(), id).then(this.registries.update(updated));
		})
			.flatMap((count) -> (count == 1) ? this.revisions.bump(groupId)
					: Mono.error(ApiException.conflict("id", "the service registry was changed concurrently; retry")))
			.onErrorMap(DuplicateKeyException.class,
					(ex) -> ApiException.conflict("name", "a service registry with this name already exists"))
			.then(this.registries.findById(id))
			.map(ServiceRegistryResponse::of);
	}

	@Transactional
	public Mono<Void> delete(String groupId, String id) {
		return require(groupId, id)
			.flatMap((row) -> this.registries.findServicesUsing(groupId, id)
				.collectList()
				.flatMap((users) -> users.isEmpty() ? this.registries.delete(id).then(this.revisions.bump(groupId))
						: Mono.error(ApiException.conflict("id",
								"service registry '" + row.name() + "' is used by published service(s) "
										+ String.join(", ", users) + " of gateway group '" + groupId
										+ "'; move them to another upstream with a canary, or unpublish them first"))))
			.then();
	}

	@Transactional(readOnly = true)
	public Mono<ListResponse<RegistryCheckResponse>> checks(String groupId, String id, PageQuery page) {
		return require(groupId, id).flatMap((row) -> this.registries.findChecks(id, page.offset(), page.pageSize())
			.map(RegistryCheckResponse::of)
			.collectList()
			.zipWith(this.registries.countChecks(id), ListResponse::new));
	}

	/**
	 * Lists what a registry offers. Not transactional: no database connection is held
	 * while the registry answers.
	 * @param groupId the group
	 * @param id the connection
	 * @return the services; a 502 problem when the registry fails or does not answer in
	 * time
	 */
	public Mono<ListResponse<RegistryServiceResponse>> services(String groupId, String id) {
		return require(groupId, id)
			.flatMap((row) -> row.secretsReadable() ? Mono.just(row)
					: Mono.error(ApiException.conflict("id",
							"service registry '" + row.name() + "' could not list its services: "
									+ row.secretsProblem())))
			.flatMap(
					(row) -> this.clients.client(row)
						.flatMap((client) -> Mono.defer(client::services).subscribeOn(Schedulers.boundedElastic()))
						.timeout(this.timeout)
						.map((services) -> services.stream().map(RegistryServiceResponse::of).toList())
						.map((list) -> new ListResponse<>(list, list.size()))
						.onErrorMap((ex) -> !(ex instanceof ApiException),
								(ex) -> new ApiException(HttpStatus.BAD_GATEWAY,
										"service registry '" + row.name() + "' could not list its services: "
												+ RegistryMessages.describe(ex, row.settings(), this.timeout),
										List.of())));
	}

	/**
	 * Refuses an edit that would keep a stored secret the admin cannot decrypt: it would
	 * be replaced by an empty one. Sending the secret again, or changing the type, is
	 * fine.
	 * @param request the request
	 * @param current the stored connection
	 * @throws ApiException 409 naming the secret's field
	 */
	static void keepsUnreadableSecret(ServiceRegistryRequest request, ServiceRegistryRow current) {
		if (current.secretsReadable()) {
			return;
		}
		RegistryType type = RegistryType.fromJson(request.type());
		if (type != current.type()) {
			return;
		}
		String field = switch (type) {
			case KUBERNETES ->
				(request.kubernetes() != null && request.kubernetes().token() == null) ? "kubernetes.token" : null;
			case CONSUL -> (request.consul() != null && request.consul().token() == null) ? "consul.token" : null;
			case NACOS -> (request.nacos() != null && request.nacos().password() == null) ? "nacos.password" : null;
			default -> null;
		};
		if (field != null) {
			throw ApiException.conflict(field, "the stored secret cannot be kept: " + current.secretsProblem()
					+ "; send it again, or configure the key it was encrypted with");
		}
	}

	private Mono<Void> nameFree(String groupId, String name, String ownId) {
		return this.registries.findIdByName(groupId, name)
			.filter((existing) -> !existing.equals(ownId))
			.flatMap((existing) -> Mono.<Void>error(ApiException.conflict("name",
					"a service registry named '" + name + "' already exists in gateway group '" + groupId + "'")))
			.then();
	}

	/**
	 * Builds the settings a request asks for, keeping stored secrets the request leaves
	 * out, and checks them with the rules the gateway applies too.
	 * @param request the request
	 * @param stored the settings stored before, {@code null} on create
	 * @return the settings
	 * @throws ApiException naming the fields in error, never quoting a secret
	 */
	static RegistrySettings settings(ServiceRegistryRequest request, RegistrySettings stored) {
		RegistryType type = RegistryType.fromJson(request.type());
		if (type == null) {
			throw ApiException.badRequest("type",
					((request.type() == null) ? "is required" : "is not a known registry type") + "; one of " + TYPES);
		}
		List<ApiFieldError> errors = new ArrayList<>();
		Object[] blocks = { request.kubernetes(), request.consul(), request.eureka(), request.nacos() };
		RegistryType[] types = { RegistryType.KUBERNETES, RegistryType.CONSUL, RegistryType.EUREKA,
				RegistryType.NACOS };
		for (int i = 0; i < types.length; i++) {
			if (types[i] == type && blocks[i] == null) {
				errors.add(new ApiFieldError(type.jsonValue(), "is required with type '" + type.jsonValue() + "'"));
			}
			else if (types[i] != type && blocks[i] != null) {
				errors.add(new ApiFieldError(types[i].jsonValue(),
						"must be left out with type '" + type.jsonValue() + "'"));
			}
		}
		if (!errors.isEmpty()) {
			throw ApiException.badRequest(errors);
		}
		RegistrySettings settings = build(type, request, stored);
		List<FieldError> problems = RegistrySettingsRules.validate(settings);
		if (!problems.isEmpty()) {
			throw ApiException.badRequest(
					problems.stream().map((error) -> new ApiFieldError(error.field(), error.message())).toList());
		}
		return settings;
	}

	private static RegistrySettings build(RegistryType type, ServiceRegistryRequest request, RegistrySettings stored) {
		switch (type) {
			case KUBERNETES: {
				ServiceRegistryRequest.Kubernetes block = request.kubernetes();
				String storedToken = (stored instanceof KubernetesSettings kubernetes) ? kubernetes.token() : "";
				return new KubernetesSettings(block.apiServer(), keep(block.token(), storedToken));
			}
			case CONSUL: {
				ServiceRegistryRequest.Consul block = request.consul();
				String storedToken = (stored instanceof ConsulSettings consul) ? consul.token() : "";
				return new ConsulSettings(block.address(), keep(block.token(), storedToken), block.datacenter());
			}
			case EUREKA: {
				List<String> urls = (request.eureka().serviceUrls() != null) ? request.eureka().serviceUrls()
						: List.of();
				for (int i = 0; i < urls.size(); i++) {
					if (urls.get(i) == null) {
						throw ApiException.badRequest("eureka.service_urls[" + i + "]", "must not be null");
					}
				}
				return new EurekaSettings(urls);
			}
			default: {
				ServiceRegistryRequest.Nacos block = request.nacos();
				String storedPassword = (stored instanceof NacosSettings nacos) ? nacos.password() : "";
				return new NacosSettings(block.address(), block.username(), keep(block.password(), storedPassword),
						block.namespaceId(), block.group());
			}
		}
	}

	private static String keep(String given, String stored) {
		return (given != null) ? given : stored;
	}

	private static String text(String value) {
		return (value != null) ? value : "";
	}

}

package io.portico.admin.publish;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.portico.admin.group.GatewayGroupRevisions;
import io.portico.admin.group.GatewayGroupService;
import io.portico.admin.route.TemplateRouteService;
import io.portico.admin.store.Database;
import io.portico.admin.template.ServiceTemplateRow;
import io.portico.admin.template.ServiceTemplateService;
import io.portico.admin.web.ApiException;
import io.portico.admin.web.ListResponse;
import io.portico.admin.web.PageQuery;
import io.portico.compiler.RouteCompilationException;
import io.portico.compiler.RouteCompiler;
import io.portico.compiler.model.PublishedService;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes template versions to a gateway group, all or nothing: everything is checked
 * first (with the gateway's own compiler), then versions and current pointers are written
 * and the group's revision bumped once, in one transaction.
 */
@Service
public class PublishService {

	/** Who published, when the request does not say. */
	public static final String DEFAULT_USER = "admin";

	private final GatewayGroupService groups;

	private final ServiceTemplateService templates;

	private final TemplateRouteService routes;

	private final PublishedRepository published;

	private final GatewayGroupRevisions revisions;

	private final RouteCompiler compiler;

	private final Database database;

	private final RegistryReferences registryReferences;

	private final PublishedLookup lookup;

	private final CanaryChecks canaries;

	/**
	 * Creates the service.
	 * @param groups the gateway groups
	 * @param templates the service templates
	 * @param routes the template routes
	 * @param published the published tables
	 * @param revisions bumps and notifies group revisions
	 * @param compiler the route compiler
	 * @param database facts about the database
	 * @param registryReferences checks discovery upstreams against the group's registries
	 * @param lookup reads published services
	 * @param canaries checks canaries against a new runtime configuration
	 */
	public PublishService(GatewayGroupService groups, ServiceTemplateService templates, TemplateRouteService routes,
			PublishedRepository published, GatewayGroupRevisions revisions, RouteCompiler compiler, Database database,
			RegistryReferences registryReferences, PublishedLookup lookup, CanaryChecks canaries) {
		this.groups = groups;
		this.templates = templates;
		this.routes = routes;
		this.published = published;
		this.revisions = revisions;
		this.compiler = compiler;
		this.database = database;
		this.registryReferences = registryReferences;
		this.lookup = lookup;
		this.canaries = canaries;
	}

	/**
	 * Publishes a batch.
	 * @param request the batch
	 * @param user who publishes, {@code null} for {@value #DEFAULT_USER}
	 * @return the group's new revision and the published services
	 */
	@Transactional
	public Mono<PublishResponse> publish(PublishRequest request, String user) {
		String publishedBy = publisher(user);
		String groupId = request.gatewayGroupId();
		return Mono.fromRunnable(() -> checkBatch(request.services()))
			.then(this.groups.require(groupId, "gateway_group_id"))
			.thenMany(Flux.range(0, request.services().size())
				.concatMap((i) -> prepare(groupId, i, request.services().get(i))))
			.collectList()
			.flatMap((prepared) -> write(groupId, prepared, publishedBy))
			.onErrorMap(DuplicateKeyException.class, (ex) -> ApiException.conflict("services",
					"a version in this batch was published concurrently; reload and retry"));
	}

	/**
	 * Lists what a group serves.
	 * @param groupId the group
	 * @param page the page
	 * @return the page of published services
	 */
	@Transactional(readOnly = true)
	public Mono<ListResponse<PublishedServiceResponse>> list(String groupId, PageQuery page) {
		return this.groups.require(groupId, "gateway_group_id")
			.thenMany(this.published.findServices(groupId, page.offset(), page.pageSize()))
			.concatMap((service) -> this.published.findVersion(service.currentVersionId())
				.map((version) -> PublishedServiceResponse.of(service, version)))
			.collectList()
			.zipWith(this.published.countServices(groupId), ListResponse::new);
	}

	/**
	 * Reads the current version of a published service with routes and runtime.
	 * @param groupId the group
	 * @param serviceId the service
	 * @return the published service
	 */
	@Transactional(readOnly = true)
	public Mono<PublishedServiceDetailResponse> get(String groupId, String serviceId) {
		return this.lookup.detail(groupId, serviceId);
	}

	/**
	 * Replaces the runtime configuration of a published service, checked by compiling the
	 * current version's routes with it; the upstream keeps its kind.
	 * @param groupId the group
	 * @param serviceId the service
	 * @param request the new runtime configuration
	 * @return the published service with its new runtime configuration
	 */
	@Transactional
	public Mono<PublishedServiceDetailResponse> updateRuntime(String groupId, String serviceId,
			RuntimeRequest request) {
		return this.lookup.requireService(groupId, serviceId)
			.flatMap((service) -> this.published.findVersion(service.currentVersionId()).flatMap((version) -> {
				RuntimeConfig runtime = runtime(request);
				if (!service.upstreamKind().equals(runtime.upstream().kind())) {
					throw RuntimeRequests.switchRefused("", service.upstreamKind(), runtime.upstream().kind());
				}
				try {
					this.compiler.compile(new PublishedService(groupId, serviceId, version.serviceName(),
							version.version(), version.upstreamScheme(), version.routes(), runtime));
				}
				catch (RouteCompilationException ex) {
					throw RuntimeRequests.compileErrors("", ex);
				}
				PublishedServiceRow updated = service.withCurrent(service.currentVersionId(), runtime,
						this.database.now());
				return this.registryReferences.check(groupId, runtime.upstream(), "upstream.service_registry_id")
					.then(this.canaries.checkWithRuntime(updated, version))
					.then(this.published.updateService(updated))
					.flatMap((count) -> (count == 1) ? this.revisions.bump(groupId)
							: Mono.error(RuntimeRequests.concurrent("service_id", serviceId)))
					.then(this.lookup.detail(groupId, serviceId));
			}));
	}

	/**
	 * Unpublishes a service from a group: its gateways stop serving it and its canary
	 * goes with it; its version history stays.
	 * @param groupId the group
	 * @param serviceId the service
	 * @return completion
	 */
	@Transactional
	public Mono<Void> unpublish(String groupId, String serviceId) {
		return this.lookup.requireService(groupId, serviceId)
			.flatMap((service) -> this.published.deleteService(groupId, serviceId, service.rowVersion()))
			.flatMap((count) -> (count == 1) ? this.revisions.bump(groupId)
					: Mono.error(RuntimeRequests.concurrent("service_id", serviceId)))
			.then();
	}

	private static RuntimeConfig runtime(RuntimeRequest request) {
		if (request.upstream() == null) {
			throw ApiException.badRequest("upstream", "is required");
		}
		return new RuntimeConfig(RuntimeRequests.upstream("", request.upstream()), request.hosts(),
				request.pathPrefix(), RuntimeRequests.passHost("", request.passHost()), request.upstreamHost(),
				RuntimeRequests.timeouts("", request.timeout()));
	}

	private static void checkBatch(List<PublishRequest.ServiceVersion> services) {
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < services.size(); i++) {
			PublishRequest.ServiceVersion service = services.get(i);
			if (service == null) {
				throw ApiException.badRequest("services[" + i + "]", "must not be null");
			}
			Integer first = seen.putIfAbsent(service.templateId(), i);
			if (first != null) {
				throw ApiException.badRequest("services[" + i + "].template_id", "template '" + service.templateId()
						+ "' appears twice in the batch (also services[" + first + "])");
			}
		}
	}

	private Mono<Prepared> prepare(String groupId, int index, PublishRequest.ServiceVersion request) {
		String at = "services[" + index + "]";
		if (!request.makesCurrent() && request.hasRuntimeFields()) {
			return Mono.error(ApiException.badRequest(at + ".current",
					"a version published with current: false"
							+ " takes the service's runtime configuration; leave out upstream, hosts, path_prefix,"
							+ " pass_host, upstream_host and timeout"));
		}
		return this.templates.require(request.templateId(), at + ".template_id")
			.flatMap((template) -> this.routes.findSpecs(template.id()).collectList().flatMap((specs) -> {
				if (specs.isEmpty()) {
					return Mono.error(ApiException.badRequest(at + ".template_id",
							"service template '" + template.id() + "' has no routes; add a route before publishing"));
				}
				return this.published.versionExists(groupId, template.id(), request.version())
					.flatMap((exists) -> exists
							? Mono.error(ApiException.conflict(at + ".version",
									"version " + request.version() + " of '" + template.name()
											+ "' is already published in gateway group '" + groupId + "'"))
							: this.published.findService(groupId, template.id())
								.map(Optional::of)
								.defaultIfEmpty(Optional.empty()))
					.map((current) -> check(groupId, at, request, template, specs, current.orElse(null)))
					.flatMap((prepared) -> this.registryReferences
						.check(groupId, prepared.runtime().upstream(), at + ".upstream.service_registry_id")
						.thenReturn(prepared));
			}));
	}

	private Prepared check(String groupId, String at, PublishRequest.ServiceVersion request,
			ServiceTemplateRow template, List<RouteSpec> specs, PublishedServiceRow current) {
		if (!request.makesCurrent() && current == null) {
			throw ApiException.conflict(at + ".current",
					"service '" + template.id() + "' is not published in gateway group '" + groupId
							+ "'; publish a current version first (current: false only adds to an existing history)");
		}
		if (request.makesCurrent() && current != null && current.hasCanary()) {
			throw RuntimeRequests.canaryActive(at + ".template_id", groupId, template.id());
		}
		RuntimeConfig runtime = request.makesCurrent() ? RuntimeRequests.merge(at, request.upstream(), request.hosts(),
				request.pathPrefix(), request.passHost(), request.upstreamHost(), request.timeout(),
				(current != null) ? current.runtime() : null) : current.runtime();
		if (current != null && !current.upstreamKind().equals(runtime.upstream().kind())) {
			throw RuntimeRequests.switchRefused(at, current.upstreamKind(), runtime.upstream().kind());
		}
		PublishedService service = new PublishedService(groupId, template.id(), template.name(), request.version(),
				template.upstreamScheme(), specs, runtime);
		try {
			this.compiler.compile(service);
		}
		catch (RouteCompilationException ex) {
			throw RuntimeRequests.compileErrors(at, ex);
		}
		return new Prepared(template, specs, runtime, request.version(),
				(request.description() != null) ? request.description() : "", current, request.makesCurrent());
	}

	private Mono<PublishResponse> write(String groupId, List<Prepared> prepared, String publishedBy) {
		OffsetDateTime now = this.database.now();
		List<PublishedServiceResponse> results = new ArrayList<>();
		return Flux.fromIterable(prepared).concatMap((item) -> {
			ServiceTemplateRow template = item.template();
			PublishedVersionRow version = new PublishedVersionRow(UUID.randomUUID().toString(), groupId, template.id(),
					template.name(), template.type(), template.upstreamScheme(), item.version(), item.routes(),
					item.runtime(), item.description(), publishedBy, now);
			if (!item.makesCurrent()) {
				// History only: the response still shows the version that stays current.
				return this.published.insertVersion(version)
					.then(this.published.findVersion(item.current().currentVersionId()))
					.doOnNext((served) -> results.add(PublishedServiceResponse.of(item.current(), served)))
					.then();
			}
			PublishedServiceRow service = (item.current() != null)
					? item.current().withCurrent(version.id(), item.runtime(), now)
					: new PublishedServiceRow(groupId, template.id(), version.id(), item.runtime(),
							item.runtime().upstream().kind(), now, now, 0, null, null);
			Mono<Void> pointer = (item.current() != null)
					? this.published.updateService(service)
						.flatMap((count) -> (count == 1) ? Mono.<Void>empty()
								: Mono.error(RuntimeRequests.concurrent("services", template.id())))
					: this.published.insertService(service);
			return this.published.insertVersion(version)
				.then(pointer)
				.then(Mono.fromRunnable(() -> results.add(PublishedServiceResponse.of(service, version))));
		})
			.then(this.revisions.bump(groupId))
			.map((revision) -> new PublishResponse(groupId, revision, results, results.size()));
	}

	static String publisher(String user) {
		if (user == null || user.isBlank()) {
			return DEFAULT_USER;
		}
		String trimmed = user.strip();
		if (trimmed.length() > 100 || trimmed.contains("#{")) {
			throw ApiException.badRequest("published_by", "must be at most 100 characters, without '#{'");
		}
		return trimmed;
	}

	private record Prepared(ServiceTemplateRow template, List<RouteSpec> routes, RuntimeConfig runtime, String version,
			String description, PublishedServiceRow current, boolean makesCurrent) {

	}

}

package io.portico.admin.publish;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.portico.admin.group.GatewayGroupService;
import io.portico.admin.template.ServiceTemplateRow;
import io.portico.admin.template.ServiceTemplateService;
import io.portico.admin.template.route.TemplateRouteService;
import io.portico.admin.web.ApiException;
import io.portico.compiler.model.PublishedService;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Publishes template versions to a gateway group, all or nothing: everything is checked
 * first (with the gateway's own compiler), then versions and current pointers are written
 * and the group's revision bumped once, in one transaction.
 *
 * <p>
 * Example (what the declarative sync does): <pre>
 * publishService.publishAll(List.of(toTest, toStaging), "ci")  // both or neither
 * </pre>
 */
@Service
public class PublishService {

	/** Who published, when the request does not say. */
	public static final String DEFAULT_USER = "admin";

	private final GatewayGroupService groups;

	private final ServiceTemplateService templates;

	private final TemplateRouteService routes;

	private final PublishedRepository published;

	private final PublishCore core;

	private final TransactionalOperator transactions;

	public PublishService(GatewayGroupService groups, ServiceTemplateService templates, TemplateRouteService routes,
			PublishedRepository published, PublishCore core, ReactiveTransactionManager transactionManager) {
		this.groups = groups;
		this.templates = templates;
		this.routes = routes;
		this.published = published;
		this.core = core;
		this.transactions = TransactionalOperator.create(transactionManager);
	}

	/**
	 * Publishes a batch.
	 * @param request the batch
	 * @param user who publishes, {@code null} for {@value #DEFAULT_USER}
	 * @return the group's new revision and the published services
	 */
	@Transactional
	public Mono<PublishResponse> publish(PublishRequest request, String user) {
		return Mono.fromCallable(() -> publisher(user)).flatMap((publishedBy) -> publishOne(request, publishedBy));
	}

	/**
	 * Runs several publishes in one transaction, in order: all are applied, or none (the
	 * first refusal rolls back the publishes before it, and its gateways hear nothing).
	 * @param requests the batches, each to its group
	 * @param user who publishes, {@code null} for {@value #DEFAULT_USER}
	 * @return each batch's result, in order
	 */
	public Mono<List<PublishResponse>> publishAll(List<PublishRequest> requests, String user) {
		return Mono.fromCallable(() -> publisher(user))
			.flatMapMany((publishedBy) -> Flux.fromIterable(requests)
				.concatMap((request) -> publishOne(request, publishedBy)))
			.collectList()
			.as(this.transactions::transactional);
	}

	private Mono<PublishResponse> publishOne(PublishRequest request, String publishedBy) {
		String groupId = request.gatewayGroupId();
		List<PublishRequest.ServiceVersion> services = request.services();
		return PublishCore.concurrentBatch(
				PublishCore.checkBatch(services, PublishRequest.ServiceVersion::templateId, "template_id", "template")
					.then(this.groups.require(groupId, "gateway_group_id"))
					.then(read(groupId, services))
					.flatMapMany((found) -> Flux.range(0, services.size())
						.concatMap((i) -> prepare(groupId, i, services.get(i), found)))
					.collectList()
					.flatMap((prepared) -> write(groupId, prepared, publishedBy)));
	}

	/**
	 * Everything the batch is checked against, read with a few queries for the whole
	 * batch (not a few per service: a declarative sync publishes a thousand services at
	 * once).
	 */
	private Mono<Found> read(String groupId, List<PublishRequest.ServiceVersion> services) {
		List<String> ids = services.stream().map(PublishRequest.ServiceVersion::templateId).toList();
		// One query after the other: inside a transaction they share one connection.
		return this.templates.findAllById(ids)
			.zipWhen((templates) -> this.routes.findSpecs(ids))
			.zipWhen((read) -> this.published.findVersionStrings(groupId, ids).collect(Collectors.toSet()))
			.zipWhen((read) -> this.published.findServices(groupId, ids)
				.collectMap(PublishedServiceRow::serviceId, Function.identity()))
			.map((read) -> new Found(read.getT1().getT1().getT1(), read.getT1().getT1().getT2(), read.getT1().getT2(),
					read.getT2()));
	}

	private Mono<Prepared> prepare(String groupId, int index, PublishRequest.ServiceVersion request, Found found) {
		String at = "services[" + index + "]";
		if (!request.makesCurrent() && request.runtime().anyGiven()) {
			return Mono.error(ApiException.badRequest(at + ".current",
					"a version published with current: false"
							+ " takes the service's runtime configuration; leave out upstream, hosts, path_prefix,"
							+ " pass_host, upstream_host and timeout"));
		}
		ServiceTemplateRow template = found.templates().get(request.templateId());
		if (template == null) {
			return Mono.error(ApiException.notFound(at + ".template_id", "service template", request.templateId()));
		}
		List<RouteSpec> specs = found.routes().getOrDefault(template.id(), List.of());
		if (specs.isEmpty()) {
			return Mono.error(ApiException.badRequest(at + ".template_id",
					"service template '" + template.id() + "' has no routes; add a route before publishing"));
		}
		if (found.versions().contains(new PublishedRepository.VersionOf(template.id(), request.version()))) {
			return Mono.error(ApiException.conflict(at + ".version", "version " + request.version() + " of '"
					+ template.name() + "' is already published in gateway group '" + groupId + "'"));
		}
		return check(groupId, at, request, template, specs, found.services().get(template.id()))
			.flatMap((prepared) -> this.core
				.checkRegistry(groupId, prepared.runtime().upstream(), at + ".upstream.service_registry_id")
				.thenReturn(prepared));
	}

	private Mono<Prepared> check(String groupId, String at, PublishRequest.ServiceVersion request,
			ServiceTemplateRow template, List<RouteSpec> specs, PublishedServiceRow current) {
		if (!request.makesCurrent() && current == null) {
			return Mono.error(ApiException.conflict(at + ".current",
					"service '" + template.id() + "' is not published in gateway group '" + groupId
							+ "'; publish a current version first (current: false only adds to an existing history)"));
		}
		if (request.makesCurrent() && current != null && current.hasCanary()) {
			return Mono.error(RuntimeRequests.canaryActive(at + ".template_id", groupId, template.id()));
		}
		return Mono.fromCallable(() -> request.makesCurrent()
				? RuntimeRequests.merge(at, request.runtime(), (current != null) ? current.runtime() : null)
				: current.runtime())
			.flatMap((runtime) -> {
				if (current != null && !current.upstreamKind().equals(runtime.upstream().kind())) {
					return Mono
						.error(RuntimeRequests.switchRefused(at, current.upstreamKind(), runtime.upstream().kind()));
				}
				return this.core
					.compile(new PublishedService(groupId, template.id(), template.name(), request.version(),
							template.upstreamScheme(), specs, runtime), at)
					.thenReturn(new Prepared(template, specs, runtime, request, current));
			});
	}

	private Mono<PublishResponse> write(String groupId, List<Prepared> prepared, String publishedBy) {
		OffsetDateTime now = this.core.now();
		List<PublishedVersionRow> versions = prepared.stream().map((item) -> {
			ServiceTemplateRow template = item.template();
			return new PublishedVersionRow(UUID.randomUUID().toString(), groupId, template.id(), template.name(),
					template.type(), template.upstreamScheme(), item.request().version(), item.routes(), item.runtime(),
					(item.request().description() != null) ? item.request().description() : "", publishedBy, now);
		}).toList();
		List<PublishCore.CurrentWrite> writes = new ArrayList<>();
		for (int i = 0; i < prepared.size(); i++) {
			Prepared item = prepared.get(i);
			writes.add(new PublishCore.CurrentWrite(versions.get(i), item.current(), item.runtime(),
					item.request().makesCurrent()));
		}
		return this.published.insertVersions(versions)
			.then(this.core.writeCurrentAll(writes, now))
			.flatMap((results) -> this.core.bump(groupId)
				.map((revision) -> new PublishResponse(groupId, revision, results, results.size())));
	}

	/**
	 * Who publishes, as recorded with a version.
	 * @param user the caller's name, {@code null} or blank for {@value #DEFAULT_USER}
	 * @return the name
	 * @throws ApiException 400 for a name that cannot be recorded
	 */
	public static String publisher(String user) {
		if (user == null || user.isBlank()) {
			return DEFAULT_USER;
		}
		String trimmed = user.strip();
		if (trimmed.length() > 100 || trimmed.contains("#{")) {
			throw ApiException.badRequest("published_by", "must be at most 100 characters, without '#{'");
		}
		return trimmed;
	}

	private record Found(Map<String, ServiceTemplateRow> templates, Map<String, List<RouteSpec>> routes,
			Set<PublishedRepository.VersionOf> versions, Map<String, PublishedServiceRow> services) {

	}

	private record Prepared(ServiceTemplateRow template, List<RouteSpec> routes, RuntimeConfig runtime,
			PublishRequest.ServiceVersion request, PublishedServiceRow current) {

	}

}

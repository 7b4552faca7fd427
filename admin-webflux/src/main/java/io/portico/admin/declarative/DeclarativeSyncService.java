package io.portico.admin.declarative;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.portico.admin.publish.PublishRequest;
import io.portico.admin.publish.PublishService;
import io.portico.admin.publish.PublishedStateService;
import io.portico.admin.publish.RuntimeFields;
import io.portico.admin.publish.RuntimeRequests;
import io.portico.admin.registry.ServiceRegistryResponse;
import io.portico.admin.registry.ServiceRegistryService;
import io.portico.admin.template.ServiceTemplateRequest;
import io.portico.admin.template.ServiceTemplateRow;
import io.portico.admin.template.ServiceTemplateService;
import io.portico.admin.template.route.TemplateRouteRequest;
import io.portico.admin.template.route.TemplateRouteRow;
import io.portico.admin.template.route.TemplateRouteService;
import io.portico.admin.web.ApiException;
import io.portico.admin.web.ApiFieldError;
import io.portico.admin.web.Ids;
import io.portico.admin.web.PageQuery;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Compares a declarative file with a gateway group's state within a scope, and applies
 * the difference in one transaction through the same services as the REST API (template
 * and route services, the publish service, unpublish). Nothing outside the scope is read
 * as "to delete": services of the group whose templates the label selector does not match
 * are never touched.
 */
@Service
public class DeclarativeSyncService {

	private static final PageQuery ALL = PageQuery.of(1, PageQuery.MAX_PAGE_SIZE);

	private static final Pattern PUBLISH_ITEM = Pattern.compile("^services\\[(\\d+)]");

	private static final Pattern SERVICE_ID = Pattern.compile("^(services\\[\\d+])\\.id$");

	private static final Pattern ROUTE_PATHS = Pattern.compile("^services\\[(\\d+)]\\.routes\\[(\\d+)]\\.paths");

	private final DeclarativeState state;

	private final ServiceTemplateService templates;

	private final TemplateRouteService routes;

	private final PublishService publisher;

	private final PublishedStateService published;

	private final ServiceRegistryService registries;

	private final TransactionalOperator transactions;

	DeclarativeSyncService(DeclarativeState state, ServiceTemplateService templates, TemplateRouteService routes,
			PublishService publisher, PublishedStateService published, ServiceRegistryService registries,
			ReactiveTransactionManager transactionManager) {
		this.state = state;
		this.templates = templates;
		this.routes = routes;
		this.publisher = publisher;
		this.published = published;
		this.registries = registries;
		this.transactions = TransactionalOperator.create(transactionManager);
	}

	/**
	 * What a sync would do.
	 * @param groupId the group
	 * @param file the file
	 * @param scope the label selector and whether to delete
	 * @return the plan, not applied
	 */
	public Mono<DeclarativePlan> plan(String groupId, DeclarativeFile file, DeclarativeScope scope) {
		return compute(groupId, file, scope).map(PlannedSync::plan);
	}

	/**
	 * Applies a file in one transaction: everything or nothing.
	 * @param groupId the group
	 * @param file the file
	 * @param scope the label selector and whether to delete
	 * @param dryRun check everything, then roll back
	 * @param planRevision the revision a reviewed plan was computed against, or
	 * {@code null}
	 * @param user who syncs
	 * @return the plan, applied unless a dry run or without changes
	 */
	public Mono<DeclarativePlan> sync(String groupId, DeclarativeFile file, DeclarativeScope scope, boolean dryRun,
			Long planRevision, String user) {
		return this.transactions.execute((transaction) -> compute(groupId, file, scope).flatMap((computed) -> {
			DeclarativePlan plan = computed.plan();
			if (planRevision != null && planRevision != plan.configRevision()) {
				return Mono.error(ApiException.conflict("plan_revision", "the group is at config revision "
						+ plan.configRevision() + ", not " + planRevision + ": compute the plan again"));
			}
			if (plan.changes().stream().allMatch((change) -> change.action().equals("not_in_file"))) {
				// No differences: nothing written, no new revision.
				return Mono.just(plan);
			}
			if (dryRun) {
				transaction.setRollbackOnly();
			}
			return apply(groupId, computed, scope, user).thenReturn(withApplied(plan, !dryRun));
		})).next();
	}

	private static DeclarativePlan withApplied(DeclarativePlan plan, boolean applied) {
		return new DeclarativePlan(plan.gatewayGroupId(), plan.configRevision(), plan.changes(), plan.summary(),
				plan.notInFile(), applied);
	}

	private Mono<PlannedSync> compute(String groupId, DeclarativeFile file, DeclarativeScope scope) {
		List<ApiFieldError> selectorErrors = new ArrayList<>();
		for (int i = 0; i < file.services().size(); i++) {
			if (!scope.selects(file.services().get(i).labels())) {
				selectorErrors.add(new ApiFieldError("services[" + i + "].labels",
						"do not match the label selector " + scope.selector() + ": the service is outside the scope"));
			}
		}
		if (!selectorErrors.isEmpty()) {
			return Mono.error(ApiException.badRequest(selectorErrors));
		}
		return this.state.group(groupId)
			.flatMap(
					(group) -> this.registries.list(groupId, ALL)
						.flatMap(
								(registries) -> this.state
									.current(groupId,
											file.services().stream().map(DeclarativeFile.Service::name).toList())
									.map((current) -> IntStream.range(0, file.services().size())
										.mapToObj((i) -> desired(i, file.services().get(i),
												current.getOrDefault(file.services().get(i).name(),
														DeclarativeState.NONE),
												registries.list()))
										.toList())
									.zipWhen((desired) -> this.state.inScope(groupId, scope).collectList())
									.map((found) -> PlannedSync.of(group, found.getT1(), found.getT2(), file, scope))));
	}

	/** The file's service against what the group has: every difference, named by path. */
	private DesiredService desired(int index, DeclarativeFile.Service service, DeclarativeState.Current current,
			List<ServiceRegistryResponse> registries) {
		String at = "services[" + index + "]";
		// Without an upstream the service is a Service Hub template only: never
		// published.
		RuntimeFields fields = (service.upstream() != null) ? runtimeFields(at, service, registries) : null;
		RuntimeConfig runtime = (fields != null) ? RuntimeRequests.merge(at, fields, null) : null;
		List<RouteSpec> wanted = service.routes()
			.stream()
			.map((route) -> new RouteSpec(null, route.name(), route.paths(), route.methods(),
					Objects.requireNonNullElse(route.description(), ""), route.labels()))
			.toList();
		return new DesiredService(index, service, current, fields, runtime, wanted);
	}

	private static RuntimeFields runtimeFields(String at, DeclarativeFile.Service service,
			List<ServiceRegistryResponse> registries) {
		DeclarativeFile.Upstream upstream = service.upstream();
		PublishRequest.Upstream target;
		if (upstream.nodes() != null) {
			target = new PublishRequest.Upstream(upstream.nodes()
				.stream()
				.map((node) -> new PublishRequest.Node(node.host(), node.port(),
						(node.weight() != null) ? node.weight() : 100))
				.toList(), null, null, null, null);
		}
		else {
			target = new PublishRequest.Upstream(null, registry(at, upstream, registries),
					upstream.discoveryArgs().get("namespace"), upstream.serviceName(),
					upstream.discoveryArgs().get("port_name"));
		}
		PublishRequest.Timeout timeout = (upstream.connect() != null || upstream.read() != null)
				? new PublishRequest.Timeout(upstream.connect(), upstream.read()) : null;
		return new RuntimeFields(target, service.hosts(), service.pathPrefix(), upstream.passHost(),
				upstream.upstreamHost(), timeout);
	}

	/**
	 * The registry connection a discovery upstream names: {@code discovery_args.registry}
	 * (its name or id), else the group's only connection of that type.
	 */
	private static String registry(String at, DeclarativeFile.Upstream upstream,
			List<ServiceRegistryResponse> registries) {
		String named = upstream.discoveryArgs().get("registry");
		List<ServiceRegistryResponse> matching = registries.stream()
			.filter((registry) -> (named != null) ? (named.equals(registry.name()) || named.equals(registry.id()))
					: registry.type().equals(upstream.discoveryType()))
			.toList();
		if (matching.size() != 1) {
			String field = (named != null) ? at + ".upstream.discovery_args.registry" : at + ".upstream.discovery_type";
			throw ApiException
				.badRequest(field, (matching.isEmpty()) ? "names no service registry connection of the gateway group"
						: "matches " + matching.size() + " registry connections: name one in discovery_args.registry");
		}
		return matching.get(0).id();
	}

	private Mono<Void> apply(String groupId, PlannedSync computed, DeclarativeScope scope, String user) {
		// The Service Hub first: new templates and their routes in bulk, changed ones one
		// by one; then one publish of every version the plan lists.
		List<DesiredService> created = computed.desired()
			.stream()
			.filter((desired) -> desired.current().template() == null)
			.toList();
		Mono<Map<Integer, String>> hub = createAll(created)
			.concatWith(Flux.fromIterable(computed.desired())
				.filter((desired) -> desired.current().template() != null)
				.concatMap((desired) -> template(desired).flatMap(
						(templateId) -> routes(desired, templateId).thenReturn(Map.of(desired.index(), templateId)))))
			.collect(HashMap::new, Map::putAll);
		Mono<Void> delete = scope.delete() ? Flux.fromIterable(computed.plan().notInFile())
			.concatMap((name) -> this.state.templateId(name)
				.flatMap((templateId) -> this.published.unpublish(groupId, templateId)))
			.then() : Mono.empty();
		return hub
			.map((templateIds) -> computed.desired()
				.stream()
				.filter((desired) -> computed.versions().containsKey(desired.index()))
				.map((desired) -> new Publish(desired.index(),
						new PublishRequest.ServiceVersion(templateIds.get(desired.index()),
								computed.versions().get(desired.index()), desired.fields(), null, null)))
				.toList())
			.flatMap((publishes) -> publish(groupId, publishes, user))
			.then(delete)
			.onErrorMap(ApiException.class, (ex) -> inFileTerms(ex, computed.desired()));
	}

	/** Creates the new templates with their routes in bulk; their ids by file index. */
	private Mono<Map<Integer, String>> createAll(List<DesiredService> created) {
		if (created.isEmpty()) {
			return Mono.just(Map.of());
		}
		List<ServiceTemplateRequest> requests = created.stream()
			.map((desired) -> templateRequest(desired, null))
			.toList();
		return this.templates.createAll(requests, (k) -> "services[" + created.get(k).index() + "]").flatMap((rows) -> {
			Map<String, List<TemplateRouteRequest>> routes = new LinkedHashMap<>();
			Map<String, String> at = new HashMap<>();
			Map<Integer, String> ids = new HashMap<>();
			for (int k = 0; k < rows.size(); k++) {
				DesiredService desired = created.get(k);
				String templateId = rows.get(k).id();
				routes.put(templateId,
						desired.service().routes().stream().map(DeclarativeSyncService::routeRequest).toList());
				at.put(templateId, "services[" + desired.index() + "].routes");
				ids.put(desired.index(), templateId);
			}
			return this.routes.createAll(routes, at::get).thenReturn(ids);
		});
	}

	/**
	 * One publish of all versions, its errors named by their services' places in the
	 * file.
	 */
	private Mono<Void> publish(String groupId, List<Publish> publishes, String user) {
		if (publishes.isEmpty()) {
			return Mono.empty();
		}
		List<Integer> fileIndexes = publishes.stream().map(Publish::fileIndex).toList();
		return this.publisher
			.publish(new PublishRequest(groupId, publishes.stream().map(Publish::version).toList()), user)
			.onErrorMap(ApiException.class, (ex) -> toFile(ex, fileIndexes))
			.then();
	}

	/** Updates the template if it changed; its id. */
	private Mono<String> template(DesiredService desired) {
		ServiceTemplateRow current = desired.current().template();
		if (DesiredService.sameTemplate(current, desired.service())) {
			return Mono.just(current.id());
		}
		return this.templates.update(current.id(), templateRequest(desired, current))
			.map((updated) -> updated.id())
			.onErrorMap(ApiException.class, (ex) -> prefixed(ex, "services[" + desired.index() + "]"));
	}

	private static ServiceTemplateRequest templateRequest(DesiredService desired, ServiceTemplateRow current) {
		DeclarativeFile.Service service = desired.service();
		String id = (current != null) ? null : (service.name().matches(Ids.PATTERN) ? service.name() : null);
		return new ServiceTemplateRequest(id, service.name(), DesiredService.type(service),
				DesiredService.scheme(service), Objects.requireNonNullElse(service.description(), ""),
				service.labels());
	}

	private static TemplateRouteRequest routeRequest(DeclarativeFile.Route route) {
		return new TemplateRouteRequest(null, route.name(), route.paths(), route.methods(),
				Objects.requireNonNullElse(route.description(), ""), route.labels());
	}

	private Mono<Void> routes(DesiredService desired, String templateId) {
		String at = "services[" + desired.index() + "]";
		Map<String, TemplateRouteRow> existing = new LinkedHashMap<>();
		desired.current().routes().forEach((row) -> existing.put(row.name(), row));
		List<Mono<?>> steps = new ArrayList<>();
		for (int r = 0; r < desired.service().routes().size(); r++) {
			DeclarativeFile.Route route = desired.service().routes().get(r);
			String routeAt = at + ".routes[" + r + "]";
			TemplateRouteRequest request = routeRequest(route);
			TemplateRouteRow row = existing.remove(route.name());
			if (row == null) {
				steps.add(this.routes.create(templateId, request)
					.onErrorMap(ApiException.class, (ex) -> prefixed(ex, routeAt)));
			}
			else if (!DesiredService.sameRoute(row, route)) {
				steps.add(this.routes.update(templateId, row.id(), request)
					.onErrorMap(ApiException.class, (ex) -> prefixed(ex, routeAt)));
			}
		}
		for (TemplateRouteRow gone : existing.values()) {
			steps.add(this.routes.delete(templateId, gone.id()));
		}
		return Flux.fromIterable(steps).concatMap((step) -> step).then();
	}

	private static ApiException prefixed(ApiException ex, String at) {
		return new ApiException(ex.getStatus(), ex.getMessage(), ApiFieldError.under(at, ex.getErrors()));
	}

	/**
	 * Errors named as the file wrote them: the API calls a route's paths {@code paths},
	 * ADC {@code uris}; the file has no template id, its name is the id.
	 */
	private static ApiException inFileTerms(ApiException ex, List<DesiredService> desired) {
		Map<Integer, DeclarativeFile.Service> byIndex = new HashMap<>();
		desired.forEach((service) -> byIndex.put(service.index(), service.service()));
		List<ApiFieldError> errors = ex.getErrors().stream().map((error) -> {
			Matcher id = SERVICE_ID.matcher(error.field());
			if (id.matches()) {
				// A new template's id is its name in the file.
				return new ApiFieldError(id.group(1) + ".name", error.message());
			}
			Matcher matcher = ROUTE_PATHS.matcher(error.field());
			if (!matcher.find()) {
				return error;
			}
			DeclarativeFile.Service service = byIndex.get(Integer.parseInt(matcher.group(1)));
			int route = Integer.parseInt(matcher.group(2));
			if (service == null || route >= service.routes().size()
					|| !service.routes().get(route).pathsField().equals("uris")) {
				return error;
			}
			return new ApiFieldError(
					matcher.group(0).replace(".paths", ".uris") + error.field().substring(matcher.end()),
					error.message());
		}).toList();
		return new ApiException(ex.getStatus(), ex.getMessage(), errors);
	}

	/**
	 * Publish errors name {@code services[j]} of the publish: the file's index instead.
	 */
	private static ApiException toFile(ApiException ex, List<Integer> fileIndexes) {
		List<ApiFieldError> errors = ex.getErrors().stream().map((error) -> {
			Matcher matcher = PUBLISH_ITEM.matcher(error.field());
			if (matcher.find()) {
				int index = Integer.parseInt(matcher.group(1));
				if (index < fileIndexes.size()) {
					return new ApiFieldError(
							"services[" + fileIndexes.get(index) + "]" + error.field().substring(matcher.end()),
							error.message());
				}
			}
			return error;
		}).toList();
		return new ApiException(ex.getStatus(), ex.getMessage(), errors);
	}

	/**
	 * A version to publish and the place of its service in the file.
	 *
	 * @param fileIndex the service's index in the file
	 * @param version the version to publish
	 */
	private record Publish(int fileIndex, PublishRequest.ServiceVersion version) {

	}

}

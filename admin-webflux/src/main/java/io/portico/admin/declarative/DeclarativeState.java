package io.portico.admin.declarative;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.portico.admin.group.GatewayGroupRow;
import io.portico.admin.group.GatewayGroupService;
import io.portico.admin.publish.PublishedRepository;
import io.portico.admin.publish.PublishedServiceRow;
import io.portico.admin.publish.PublishedVersionRow;
import io.portico.admin.template.ServiceTemplateRepository;
import io.portico.admin.template.ServiceTemplateRow;
import io.portico.admin.template.route.TemplateRouteRepository;
import io.portico.admin.template.route.TemplateRouteRow;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Reads what a sync compares the file with: the templates by name, their routes, and what
 * a group serves of them.
 */
@Component
class DeclarativeState {

	private final GatewayGroupService groups;

	private final ServiceTemplateRepository templates;

	private final TemplateRouteRepository routes;

	private final PublishedRepository published;

	DeclarativeState(GatewayGroupService groups, ServiceTemplateRepository templates, TemplateRouteRepository routes,
			PublishedRepository published) {
		this.groups = groups;
		this.templates = templates;
		this.routes = routes;
		this.published = published;
	}

	Mono<GatewayGroupRow> group(String groupId) {
		return this.groups.require(groupId, "gateway_group_id");
	}

	Mono<String> templateId(String name) {
		return this.templates.findByName(name).map(ServiceTemplateRow::id);
	}

	/**
	 * For each name, the template of that name, its routes, and the group's current
	 * version of it: five queries per thousand names, whatever the number of services.
	 */
	Mono<Map<String, Current>> current(String groupId, Collection<String> names) {
		// One query after the other: inside a transaction every query shares one
		// connection.
		return this.templates.findAllByName(names).collectList().flatMap((found) -> {
			List<String> ids = found.stream().map(ServiceTemplateRow::id).toList();
			return this.routes.findAll(ids)
				.collectMultimap(TemplateRouteRow::templateId)
				.zipWhen((routes) -> this.published.findServices(groupId, ids).collectList())
				.zipWhen((read) -> this.published
					.findVersions(read.getT2().stream().map(PublishedServiceRow::currentVersionId).toList())
					.collectMap(PublishedVersionRow::id))
				.map((read) -> {
					Map<String, Collection<TemplateRouteRow>> routes = read.getT1().getT1();
					Map<String, PublishedServiceRow> services = new HashMap<>();
					read.getT1().getT2().forEach((service) -> services.put(service.serviceId(), service));
					Map<String, Current> byName = new HashMap<>();
					for (ServiceTemplateRow template : found) {
						PublishedServiceRow service = services.get(template.id());
						byName.put(template.name(),
								new Current(template, List.copyOf(routes.getOrDefault(template.id(), List.of())),
										service,
										(service != null) ? read.getT2().get(service.currentVersionId()) : null));
					}
					return byName;
				});
		});
	}

	/** Names of the services published in the group whose templates the scope selects. */
	Flux<String> inScope(String groupId, DeclarativeScope scope) {
		return this.published.findServices(groupId, 0, Integer.MAX_VALUE)
			.map(PublishedServiceRow::serviceId)
			.collectList()
			.flatMapMany(this.templates::findAllById)
			.filter((template) -> scope.selects(template.labels()))
			.map(ServiceTemplateRow::name);
	}

	/** Nothing of that name in the Service Hub. */
	static final Current NONE = new Current(null, List.of(), null, null);

	/**
	 * A template and what a group serves of it.
	 *
	 * @param template the template, {@code null} when the Service Hub has none of that
	 * name
	 * @param routes its routes
	 * @param published what the group serves of it, or {@code null}
	 * @param version the current version there, or {@code null}
	 */
	record Current(ServiceTemplateRow template, List<TemplateRouteRow> routes, PublishedServiceRow published,
			PublishedVersionRow version) {

	}

}

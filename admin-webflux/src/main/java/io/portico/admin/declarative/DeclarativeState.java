package io.portico.admin.declarative;

import java.util.List;
import java.util.Optional;

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

	/** The template of that name, its routes, and the group's current version of it. */
	Mono<Current> current(String groupId, String name) {
		return this.templates.findByName(name)
			.flatMap((template) -> this.routes.findAll(template.id())
				.collectList()
				// One query after the other, never two at once on a transaction's
				// connection.
				.zipWhen((routes) -> this.published.findService(groupId, template.id())
					.flatMap((service) -> this.published.findVersion(service.currentVersionId())
						.map((version) -> Optional.of(new Served(service, version))))
					.defaultIfEmpty(Optional.empty()))
				.map((found) -> new Current(template, found.getT1(), found.getT2().map(Served::service).orElse(null),
						found.getT2().map(Served::version).orElse(null))))
			.defaultIfEmpty(new Current(null, List.of(), null, null));
	}

	/** Names of the services published in the group whose templates the scope selects. */
	Flux<String> inScope(String groupId, DeclarativeScope scope) {
		// The rows are read to the end before the next query: inside a transaction every
		// query shares one connection, and a query issued while another's rows still
		// stream would wait for them forever.
		return this.published.findServices(groupId, 0, Integer.MAX_VALUE)
			.collectList()
			.flatMapMany(Flux::fromIterable)
			.concatMap((service) -> this.templates.findById(service.serviceId()))
			.filter((template) -> scope.selects(template.labels()))
			.map(ServiceTemplateRow::name);
	}

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

	private record Served(PublishedServiceRow service, PublishedVersionRow version) {

	}

}

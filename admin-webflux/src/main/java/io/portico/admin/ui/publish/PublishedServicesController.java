package io.portico.admin.ui.publish;

import java.util.List;

import io.portico.admin.access.Callers;
import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.group.GatewayGroupResponse;
import io.portico.admin.group.GatewayGroupService;
import io.portico.admin.publish.PublishedStateService;
import io.portico.admin.publish.history.VersionHistoryService;
import io.portico.admin.registry.ServiceRegistryService;
import io.portico.admin.web.PageQuery;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A gateway group's Published Services: the list, and a service's page with its current
 * version, runtime configuration, version history, canary and promotion.
 */
@Controller
class PublishedServicesController {

	private static final PageQuery ALL = PageQuery.of(1, PageQuery.MAX_PAGE_SIZE);

	private final PublishedStateService published;

	private final VersionHistoryService history;

	private final GatewayGroupService groups;

	private final ServiceRegistryService registries;

	PublishedServicesController(PublishedStateService published, VersionHistoryService history,
			GatewayGroupService groups, ServiceRegistryService registries) {
		this.published = published;
		this.history = history;
		this.groups = groups;
		this.registries = registries;
	}

	@GetMapping("/ui/groups/{gg}/services")
	@Permitted(value = Permission.GROUP_READ, group = "#groupId")
	Mono<String> list(@PathVariable("gg") String groupId, Model model) {
		return this.groups.require(groupId, "gateway_group_id")
			.then(this.published.list(groupId, ALL))
			// The list's rows with their canary and upstream: one read per service, as
			// the
			// API's detail gives them.
			.flatMapMany((page) -> Flux.fromIterable(page.list()))
			.concatMap((service) -> this.published.get(groupId, service.serviceId()))
			.collectList()
			.map((services) -> {
				model.addAttribute("group", groupId);
				model.addAttribute("services", services);
				return "ui/publish/list";
			});
	}

	@GetMapping("/ui/groups/{gg}/services/{serviceId}")
	@Permitted(value = Permission.GROUP_READ, group = "#groupId")
	Mono<String> detail(@PathVariable("gg") String groupId, @PathVariable("serviceId") String serviceId, Model model) {
		Mono<List<GatewayGroupResponse>> others = Callers.current()
			.flatMap((caller) -> this.groups.list(ALL, (group) -> caller.can(Permission.GROUP_READ, group)))
			.map((page) -> page.list());
		return Mono
			.zip(this.published.get(groupId, serviceId), this.history.versions(groupId, serviceId, ALL), others,
					this.registries.list(groupId, ALL))
			.map((found) -> {
				model.addAttribute("group", groupId);
				model.addAttribute("service", found.getT1());
				model.addAttribute("versions", found.getT2().list());
				model.addAttribute("groups", found.getT3());
				model.addAttribute("registries", found.getT4().list());
				return "ui/publish/detail";
			});
	}

	/** The field-by-field differences of two versions (an htmx fragment). */
	@GetMapping("/ui/groups/{gg}/services/{serviceId}/diff")
	@Permitted(value = Permission.GROUP_READ, group = "#groupId")
	@Permitted(value = Permission.GROUP_READ, group = "#otherGroup ?: #groupId")
	Mono<String> diff(@PathVariable("gg") String groupId, @PathVariable("serviceId") String serviceId,
			@RequestParam("a") String a, @RequestParam("b") String b,
			@RequestParam(name = "b_group", required = false) String otherGroup, Model model) {
		return this.history.diff(groupId, serviceId, a, b, otherGroup).map((diff) -> {
			model.addAttribute("diff", diff);
			return "ui/publish/diff";
		});
	}

}

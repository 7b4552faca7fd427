package io.portico.admin.ui.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portico.admin.access.Callers;
import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.group.GatewayGroupResponse;
import io.portico.admin.group.GatewayGroupService;
import io.portico.admin.publish.PublishedServiceResponse;
import io.portico.admin.publish.PublishedStateService;
import io.portico.admin.registry.RegistryServiceResponse;
import io.portico.admin.registry.ServiceRegistryResponse;
import io.portico.admin.registry.ServiceRegistryService;
import io.portico.admin.template.ServiceTemplateResponse;
import io.portico.admin.template.ServiceTemplateService;
import io.portico.admin.web.PageQuery;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Publish New Version wizard, step by step as in the product tutorial: gateway group,
 * version, how to find the upstream (nodes, or a registry connection of the group with
 * its namespaces and services), confirm. One or several services go to one group in one
 * request to {@code POST /api/services/publish}.
 */
@Controller
class PublishWizardController {

	private static final PageQuery ALL = PageQuery.of(1, PageQuery.MAX_PAGE_SIZE);

	private final ServiceTemplateService templates;

	private final GatewayGroupService groups;

	private final PublishedStateService published;

	private final ServiceRegistryService registries;

	PublishWizardController(ServiceTemplateService templates, GatewayGroupService groups,
			PublishedStateService published, ServiceRegistryService registries) {
		this.templates = templates;
		this.groups = groups;
		this.published = published;
		this.registries = registries;
	}

	@GetMapping("/ui/publish")
	@Permitted(Permission.GROUP_PUBLISH)
	@Permitted(Permission.SERVICE_HUB_READ)
	Mono<String> wizard(@RequestParam(name = "service", required = false) List<String> serviceIds,
			@RequestParam(name = "group", required = false) String preselected, Model model) {
		Mono<List<ServiceTemplateResponse>> chosen = (serviceIds == null || serviceIds.isEmpty()) ? Mono.just(List.of())
				: Flux.fromIterable(serviceIds).concatMap(this.templates::get).collectList();
		Mono<List<GatewayGroupResponse>> targets = Callers.current()
			.flatMap((caller) -> this.groups.list(ALL, (group) -> caller.can(Permission.GROUP_PUBLISH, group)))
			.map((page) -> page.list());
		return Mono.zip(chosen, targets, this.templates.list(ALL)).flatMap((found) -> {
			List<GatewayGroupResponse> groupList = found.getT2();
			return Flux.fromIterable(groupList)
				.concatMap((group) -> groupState(group.id()).map((state) -> Map.entry(group.id(), state)))
				.collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new)
				.map((states) -> {
					model.addAttribute("services", found.getT1());
					model.addAttribute("allServices", found.getT3().list());
					model.addAttribute("targets", groupList);
					model.addAttribute("states", states);
					Map<String, Map<String, String>> suggestions = new LinkedHashMap<>();
					states.forEach((group, state) -> {
						Map<String, String> versions = new LinkedHashMap<>();
						found.getT1().forEach((service) -> versions.put(service.id(), state.suggest(service.id())));
						suggestions.put(group, versions);
					});
					model.addAttribute("suggestions", suggestions);
					model.addAttribute("preselected",
							(preselected != null) ? preselected
									: groupList.stream()
										.map(GatewayGroupResponse::id)
										.filter("default"::equals)
										.findFirst()
										.orElse(groupList.isEmpty() ? "" : groupList.get(0).id()));
					return "ui/publish/wizard";
				});
		});
	}

	/**
	 * The namespace and service pickers of one registry connection (an htmx fragment).
	 */
	@GetMapping("/ui/groups/{gg}/registries/{id}/offer")
	@Permitted(value = Permission.GROUP_READ, group = "#groupId")
	Mono<String> offer(@PathVariable("gg") String groupId, @PathVariable("id") String registryId,
			@RequestParam(name = "index", defaultValue = "0") int index,
			@RequestParam(name = "namespace", required = false) String namespace, Model model) {
		return this.registries.services(groupId, registryId).map((page) -> {
			List<RegistryServiceResponse> offered = page.list();
			List<String> namespaces = offered.stream()
				.map(RegistryServiceResponse::namespace)
				.filter((value) -> value != null && !value.isEmpty())
				.distinct()
				.sorted()
				.toList();
			String chosen = (namespace != null && namespaces.contains(namespace)) ? namespace
					: (namespaces.isEmpty() ? null : namespaces.get(0));
			model.addAttribute("index", index);
			model.addAttribute("groupId", groupId);
			model.addAttribute("registryId", registryId);
			model.addAttribute("namespaces", namespaces);
			model.addAttribute("namespace", chosen);
			model.addAttribute("offered",
					offered.stream()
						.filter((service) -> chosen == null || chosen.equals(service.namespace()))
						.toList());
			return "ui/publish/offer";
		}).onErrorResume((ex) -> {
			model.addAttribute("index", index);
			model.addAttribute("offerError", ex.getMessage());
			return Mono.just("ui/publish/offer");
		});
	}

	/** What the wizard needs to know of a group: current versions and registries. */
	private Mono<GroupState> groupState(String groupId) {
		return this.published.list(groupId, ALL).zipWith(this.registries.list(groupId, ALL)).map((found) -> {
			Map<String, String> current = new LinkedHashMap<>();
			for (PublishedServiceResponse service : found.getT1().list()) {
				current.put(service.serviceId(), service.version());
			}
			return new GroupState(current, new ArrayList<>(found.getT2().list()));
		});
	}

	/**
	 * A target group as the wizard shows it.
	 *
	 * @param current current version per published service id
	 * @param registries the group's registry connections
	 */
	record GroupState(Map<String, String> current, List<ServiceRegistryResponse> registries) {

		/**
		 * The version to suggest for a service: the next patch, or {@code 1.0.0}.
		 * @param serviceId the service
		 * @return the suggestion
		 */
		public String suggest(String serviceId) {
			String version = this.current.get(serviceId);
			if (version == null) {
				return "1.0.0";
			}
			String core = version.split("[-+]", 2)[0];
			String[] parts = core.split("\\.");
			if (parts.length != 3) {
				return version;
			}
			try {
				return parts[0] + "." + parts[1] + "." + (Integer.parseInt(parts[2]) + 1);
			}
			catch (NumberFormatException ex) {
				return version;
			}
		}

	}

}

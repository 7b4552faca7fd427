package io.portico.admin.ui.registry;

import java.util.List;

import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.registry.ServiceRegistryService;
import io.portico.admin.web.PageQuery;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A group's registry connections. The status badges poll {@code …/status} (htmx), so a
 * connection turns Healthy or Unhealthy on the page without a reload.
 */
@Controller
class RegistriesController {

	private static final PageQuery ALL = PageQuery.of(1, PageQuery.MAX_PAGE_SIZE);

	private static final PageQuery RECENT = PageQuery.of(1, 20);

	private final ServiceRegistryService registries;

	RegistriesController(ServiceRegistryService registries) {
		this.registries = registries;
	}

	@GetMapping("/ui/groups/{gg}/registries")
	@Permitted(value = Permission.GROUP_READ, group = "#groupId")
	Mono<String> list(@PathVariable("gg") String groupId, Model model) {
		return this.registries.list(groupId, ALL).map((page) -> {
			model.addAttribute("group", groupId);
			model.addAttribute("registries", page.list());
			return "ui/registry/list";
		});
	}

	@GetMapping("/ui/groups/{gg}/registries/{id}")
	@Permitted(value = Permission.GROUP_READ, group = "#groupId")
	Mono<String> detail(@PathVariable("gg") String groupId, @PathVariable("id") String id, Model model) {
		return Mono.zip(this.registries.get(groupId, id), this.registries.checks(groupId, id, RECENT))
			.flatMap((found) -> this.registries.services(groupId, id).map((page) -> page.list()).onErrorResume((ex) -> {
				model.addAttribute("offerError", ex.getMessage());
				return Mono.just(List.of());
			}).map((offered) -> {
				model.addAttribute("group", groupId);
				model.addAttribute("registry", found.getT1());
				model.addAttribute("checks", found.getT2().list());
				model.addAttribute("offered", offered);
				return "ui/registry/detail";
			}));
	}

	/** One connection's status badge, polled by the pages. */
	@GetMapping("/ui/groups/{gg}/registries/{id}/status")
	@Permitted(value = Permission.GROUP_READ, group = "#groupId")
	Mono<String> status(@PathVariable("gg") String groupId, @PathVariable("id") String id, Model model) {
		return this.registries.get(groupId, id).map((registry) -> {
			model.addAttribute("group", groupId);
			model.addAttribute("r", registry);
			return "ui/registry/status";
		});
	}

}

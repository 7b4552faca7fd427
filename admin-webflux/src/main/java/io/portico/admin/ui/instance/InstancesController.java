package io.portico.admin.ui.instance;

import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.group.GatewayGroupService;
import io.portico.admin.instance.GatewayInstanceService;
import io.portico.admin.web.PageQuery;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The instances of a group with the revision they applied; the table re-reads itself
 * every two seconds, so a publish shows each instance catching up.
 */
@Controller
class InstancesController {

	private static final PageQuery ALL = PageQuery.of(1, PageQuery.MAX_PAGE_SIZE);

	private final GatewayInstanceService instances;

	private final GatewayGroupService groups;

	InstancesController(GatewayInstanceService instances, GatewayGroupService groups) {
		this.instances = instances;
		this.groups = groups;
	}

	@GetMapping("/ui/groups/{gg}/instances")
	@Permitted(value = Permission.GROUP_READ, group = "#groupId")
	Mono<String> list(@PathVariable("gg") String groupId, Model model) {
		return this.groups.require(groupId, "gateway_group_id")
			.zipWith(this.instances.list(groupId, ALL))
			.map((found) -> {
				model.addAttribute("group", groupId);
				model.addAttribute("revision", found.getT1().configRevision());
				model.addAttribute("instances", found.getT2().list());
				return "ui/instance/list";
			});
	}

}

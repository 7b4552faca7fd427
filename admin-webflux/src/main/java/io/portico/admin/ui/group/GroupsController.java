package io.portico.admin.ui.group;

import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The gateway groups page; the groups the viewer may read are already in every page's
 * model ({@code ui.groups}).
 */
@Controller
class GroupsController {

	@GetMapping("/ui/groups")
	@Permitted(Permission.GROUP_READ)
	Mono<String> list() {
		return Mono.just("ui/group/list");
	}

}

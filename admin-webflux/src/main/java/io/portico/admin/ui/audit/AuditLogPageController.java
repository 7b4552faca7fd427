package io.portico.admin.ui.audit;

import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.audit.AuditLogService;
import io.portico.admin.audit.AuditQuery;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log, newest first, filtered by user, action, group and outcome; the export
 * links to the API's CSV and JSON exports with the same filters.
 */
@Controller
class AuditLogPageController {

	private static final int PAGE_SIZE = 100;

	private final AuditLogService rows;

	AuditLogPageController(AuditLogService rows) {
		this.rows = rows;
	}

	@GetMapping("/ui/audit")
	@Permitted(Permission.AUDIT_READ)
	Mono<String> list(@RequestParam(name = "username", required = false) String username,
			@RequestParam(name = "action", required = false) String action,
			@RequestParam(name = "gateway_group_id", required = false) String groupId,
			@RequestParam(name = "outcome", required = false) String outcome, Model model) {
		AuditQuery query = new AuditQuery(null, null, blankToNull(username), blankToNull(action), blankToNull(groupId),
				null, null, blankToNull(outcome));
		model.addAttribute("filter", query);
		return this.rows.find(query, 0, PAGE_SIZE).collectList().zipWith(this.rows.count(query)).map((found) -> {
			model.addAttribute("entries", found.getT1());
			model.addAttribute("total", found.getT2());
			return "ui/audit/list";
		});
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}

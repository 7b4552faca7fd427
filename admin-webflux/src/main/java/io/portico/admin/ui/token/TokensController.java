package io.portico.admin.ui.token;

import io.portico.admin.access.Callers;
import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.token.ApiTokenService;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The signed-in user's API tokens; creating one answers the token once, which the page
 * shows until it is left.
 */
@Controller
class TokensController {

	private final ApiTokenService tokens;

	TokensController(ApiTokenService tokens) {
		this.tokens = tokens;
	}

	@GetMapping("/ui/tokens")
	@Permitted(Permission.SIGNED_IN)
	Mono<String> list(Model model) {
		return Callers.current().flatMap((caller) -> this.tokens.list(caller.userId())).map((page) -> {
			model.addAttribute("tokens", page.list());
			return "ui/token/list";
		});
	}

}

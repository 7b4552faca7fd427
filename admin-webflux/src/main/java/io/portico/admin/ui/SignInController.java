package io.portico.admin.ui;

import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.access.Public;
import io.portico.admin.audit.Audited;
import io.portico.admin.security.PasswordSignIn;
import io.portico.admin.web.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

/**
 * The dashboard's entry: {@code /} and {@code /ui} lead to the Service Hub, the sign-in
 * form signs in with the same checks, throttling and audit as {@code POST /api/login}.
 */
@Controller
class SignInController {

	private final PasswordSignIn signIn;

	SignInController(PasswordSignIn signIn) {
		this.signIn = signIn;
	}

	@GetMapping("/")
	@Public
	Mono<String> root() {
		return Mono.just("redirect:/ui");
	}

	@GetMapping({ "/ui", "/ui/" })
	@Permitted(Permission.SIGNED_IN)
	Mono<String> home() {
		return Mono.just("redirect:/ui/services");
	}

	@GetMapping("/ui/login")
	@Public
	Mono<String> loginPage(@RequestParam(name = "signed_out", required = false) String signedOut, Model model) {
		model.addAttribute("signedOut", signedOut != null);
		return Mono.just("ui/login");
	}

	@PostMapping("/ui/login")
	@Public
	Mono<String> login(ServerWebExchange exchange, Model model) {
		return exchange.getFormData().flatMap((form) -> {
			String username = value(form, "username");
			model.addAttribute("username", username);
			if (username.isBlank() || value(form, "password").isEmpty()) {
				model.addAttribute("error", "Enter your username and password.");
				exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
				return Mono.just("ui/login");
			}
			return this.signIn.signIn(username, value(form, "password"), exchange)
				.thenReturn("redirect:/ui/services")
				.onErrorResume(ApiException.class, (ex) -> {
					exchange.getResponse().setStatusCode(ex.getStatus());
					model.addAttribute("error", ex.getMessage());
					return Mono.just("ui/login");
				});
		});
	}

	@PostMapping("/ui/logout")
	@Permitted(Permission.SIGNED_IN)
	@Audited(action = "logout", resource = "session")
	Mono<String> logout(ServerWebExchange exchange) {
		return exchange.getSession().flatMap(WebSession::invalidate).thenReturn("redirect:/ui/login?signed_out");
	}

	private static String value(MultiValueMap<String, String> form, String name) {
		String value = form.getFirst(name);
		return (value != null) ? value : "";
	}

}

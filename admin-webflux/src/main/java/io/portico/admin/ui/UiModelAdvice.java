package io.portico.admin.ui;

import java.util.List;

import io.portico.admin.access.Caller;
import io.portico.admin.access.Permission;
import io.portico.admin.group.GatewayGroupResponse;
import io.portico.admin.group.GatewayGroupService;
import io.portico.admin.security.AccessService;
import io.portico.admin.web.ApiException;
import io.portico.admin.web.PageQuery;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;

/**
 * Model attributes every dashboard page renders with ({@code ui}: the viewer and their
 * groups; {@code _csrf}: the token for changes), and the error page for a refused or
 * failed page.
 */
@ControllerAdvice(basePackages = "io.portico.admin.ui")
class UiModelAdvice {

	private final AccessService access;

	private final GatewayGroupService groups;

	UiModelAdvice(AccessService access, GatewayGroupService groups) {
		this.access = access;
		this.groups = groups;
	}

	@ModelAttribute("_csrf")
	Mono<CsrfToken> csrfToken(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		if (token == null) {
			return Mono.empty();
		}
		// The form helpers read the resolved token from this attribute.
		return token.doOnSuccess((resolved) -> exchange.getAttributes()
			.put(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, resolved));
	}

	@ModelAttribute("ui")
	Mono<UiSession> session(ServerWebExchange exchange) {
		if (exchange.getRequest().getPath().value().equals("/ui/login")) {
			return Mono.empty();
		}
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		Mono<String> csrf = (token != null) ? token.map(CsrfToken::getToken).defaultIfEmpty("") : Mono.just("");
		return this.access.caller()
			.flatMap((caller) -> visibleGroups(caller).zipWith(csrf,
					(groups, value) -> new UiSession(caller.username(), caller, groups, value)))
			.onErrorResume(ApiException.class, (ex) -> Mono.empty());
	}

	private Mono<List<GatewayGroupResponse>> visibleGroups(Caller caller) {
		PageQuery all = PageQuery.of(1, PageQuery.MAX_PAGE_SIZE);
		return this.groups.list(all, (group) -> caller.can(Permission.GROUP_READ, group)).map((page) -> page.list());
	}

	@ExceptionHandler(ApiException.class)
	Mono<String> failed(ApiException ex, Model model, ServerWebExchange exchange) {
		exchange.getResponse().setStatusCode(ex.getStatus());
		model.addAttribute("status", ex.getStatus().value());
		model.addAttribute("message", ex.getMessage());
		model.addAttribute("refused", ex.getStatus() == HttpStatus.FORBIDDEN);
		// An exception handler starts from an empty model: the page frame needs the
		// viewer.
		return session(exchange).doOnNext((viewer) -> model.addAttribute("ui", viewer)).thenReturn("ui/error");
	}

}

package io.portico.admin.access;

import java.util.List;

import io.portico.admin.web.ApiException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;

/**
 * The caller of the current request, as the access check left it in the Reactor context.
 */
public final class Callers {

	private Callers() {
	}

	/**
	 * The current caller.
	 * @return the caller; a 401 error if the method was not reached through the access
	 * check
	 */
	public static Mono<Caller> current() {
		return Mono.deferContextual((context) -> context.<Caller>getOrEmpty(Caller.class)
			.map(Mono::just)
			.orElseGet(() -> Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "Not signed in", List.of()))));
	}

}

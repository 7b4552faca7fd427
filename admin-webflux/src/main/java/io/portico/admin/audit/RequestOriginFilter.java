package io.portico.admin.audit;

import java.util.List;

import io.portico.admin.config.AdminProperties;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Records where each request comes from, before the security filters run, so that every
 * audit row of the request (a failed authentication included) names it.
 */
@Component
public class RequestOriginFilter implements WebFilter, Ordered {

	private final List<AddressRange> trustedProxies;

	public RequestOriginFilter(AdminProperties properties) {
		this.trustedProxies = properties.audit().trustedProxies().stream().map(AddressRange::parse).toList();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		RequestOrigin origin = origin(exchange);
		return chain.filter(exchange).contextWrite((context) -> context.put(RequestOrigin.class, origin));
	}

	/**
	 * The origin of a request.
	 * @param exchange the exchange
	 * @return the origin
	 */
	public RequestOrigin origin(ServerWebExchange exchange) {
		return RequestOrigin.of(exchange, this.trustedProxies);
	}

	@Override
	public int getOrder() {
		// Before Spring Security's WebFilterChainProxy (-100).
		return -200;
	}

}

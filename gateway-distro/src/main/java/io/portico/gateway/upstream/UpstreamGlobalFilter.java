package io.portico.gateway.upstream;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import io.portico.compiler.model.CompiledRoute;
import io.portico.compiler.model.Node;
import io.netty.channel.ConnectTimeoutException;
import io.portico.compiler.model.PassHost;
import io.portico.gateway.canary.CanarySide;
import io.portico.gateway.canary.CanarySideSelector;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Resolves a {@code portico://} route to a node: picks it by smooth weighted round robin,
 * strips the route's prefix, sets the request URL for {@code NettyRoutingFilter} and
 * decides the {@code Host} the upstream receives. For a service with an upstream canary,
 * the request's {@link CanarySide} (decided once per request) picks the baseline or the
 * canary upstream. When the connection to the node fails (refused, unreachable, connect
 * timeout), nothing was sent, so the request goes to another node not tried yet, up to
 * {@code portico.gateway.connect-retries} more times; after that, 502 or 504.
 *
 * <p>
 * Runs where Spring Cloud's {@code ReactiveLoadBalancerClientFilter} would
 * ({@value #ORDER}), after {@code RouteToRequestUrlFilter} and before the routing
 * filters.
 */
public class UpstreamGlobalFilter implements GlobalFilter, Ordered {

	/** The order of this filter, the load balancer's slot. */
	public static final int ORDER = 10150;

	// Picks of the balancer spent looking for a node not tried yet.
	private static final int MAX_PICKS = 16;

	private final int connectRetries;

	private final PassiveHealth health;

	/** A filter that neither retries nor ejects nodes. */
	public UpstreamGlobalFilter() {
		this(0, new PassiveHealth(0, Duration.ZERO, Clock.systemUTC()));
	}

	/**
	 * Creates the filter.
	 * @param connectRetries how many other nodes a request is tried on when the
	 * connection to its node fails
	 * @param health the passive health of nodes, which this filter feeds and follows
	 */
	public UpstreamGlobalFilter(int connectRetries, PassiveHealth health) {
		this.connectRetries = connectRetries;
		this.health = health;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null || !UpstreamMetadata.SCHEME.equals(route.getUri().getScheme())) {
			return chain.filter(exchange);
		}
		CompiledRoute compiled = (CompiledRoute) route.getMetadata().get(UpstreamMetadata.COMPILED_ROUTE);
		ServiceUpstream upstream = (ServiceUpstream) route.getMetadata().get(UpstreamMetadata.SERVICE_UPSTREAM);
		if (compiled == null || upstream == null) {
			return Mono.error(new IllegalStateException("Route " + route.getId() + " lacks Portico metadata"));
		}
		ServiceUpstream canary = (ServiceUpstream) route.getMetadata().get(UpstreamMetadata.CANARY_UPSTREAM);
		if (canary != null) {
			CanarySideSelector selector = (CanarySideSelector) route.getMetadata()
				.get(UpstreamMetadata.CANARY_SELECTOR);
			if (selector != null && selector.select(exchange) == CanarySide.CANARY) {
				upstream = canary;
			}
		}
		return forward(applyHost(exchange, compiled), chain, compiled, upstream, new HashSet<>());
	}

	/**
	 * Forwards to the next node; when the connection fails (nothing was sent, so any
	 * method may be retried), to another node not tried yet, up to
	 * {@link #connectRetries} more times.
	 */
	private Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain, CompiledRoute compiled,
			ServiceUpstream upstream, Set<Node> tried) {
		Node node = pick(upstream, tried);
		if (node == null) {
			return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"No upstream node available for service " + compiled.serviceId() + ": "
							+ upstream.balancer().unavailableReason()));
		}
		Node target = node;
		boolean retryable = !tried.contains(target) && tried.size() < this.connectRetries;
		tried.add(target);
		URI requestUri = exchange.getRequest().getURI();
		URI url = ForwardUrl.build(upstream.scheme(), target, requestUri.getRawPath(), requestUri.getRawQuery(),
				compiled.stripPrefix());
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, url);
		return chain.filter(exchange)
			.doOnSuccess((done) -> this.health.succeeded(upstream.serviceId(), target))
			.onErrorResume(UpstreamGlobalFilter::isConnectFailure, (ex) -> {
				this.health.failed(upstream.serviceId(), target);
				if (retryable && !exchange.getResponse().isCommitted()) {
					// As Spring Cloud Gateway's retry filter: the routing filter runs
					// again.
					ServerWebExchangeUtils.reset(exchange);
					return forward(exchange, chain, compiled, upstream, tried);
				}
				return Mono.error(toGatewayError(ex, target));
			});
	}

	/**
	 * The balancer's next node that is neither tried yet nor ejected; when every node is
	 * ejected, the next not tried yet (fail open); when every node is tried, the next.
	 */
	private Node pick(ServiceUpstream upstream, Set<Node> tried) {
		Node first = upstream.nextNode();
		Node notTried = (first != null && !tried.contains(first)) ? first : null;
		Node node = first;
		for (int i = 0; node != null && i < MAX_PICKS; i++) {
			if (!tried.contains(node) && !this.health.isEjected(upstream.serviceId(), node)) {
				return node;
			}
			node = upstream.nextNode();
			if (notTried == null && node != null && !tried.contains(node)) {
				notTried = node;
			}
		}
		return (notTried != null) ? notTried : first;
	}

	// Spring Cloud Gateway answers 500 when the node cannot be reached; a proxy says 502
	// (refused, unreachable) or 504 (connect timeout), as nginx and APISIX do.
	private static boolean isConnectFailure(Throwable ex) {
		return ex instanceof ConnectException || ex instanceof ConnectTimeoutException
				|| ex instanceof UnknownHostException;
	}

	private static ResponseStatusException toGatewayError(Throwable ex, Node node) {
		HttpStatus status = (ex instanceof ConnectTimeoutException) ? HttpStatus.GATEWAY_TIMEOUT
				: HttpStatus.BAD_GATEWAY;
		return new ResponseStatusException(status,
				"Cannot connect to upstream node " + node.host() + ":" + node.port() + ": " + ex.getMessage(), ex);
	}

	private ServerWebExchange applyHost(ServerWebExchange exchange, CompiledRoute compiled) {
		PassHost passHost = (compiled.passHost() != null) ? compiled.passHost() : PassHost.PASS;
		if (passHost == PassHost.NODE) {
			// Netty derives Host from the request URL: the node's host and port.
			exchange.getAttributes().put(ServerWebExchangeUtils.PRESERVE_HOST_HEADER_ATTRIBUTE, false);
			return exchange;
		}
		exchange.getAttributes().put(ServerWebExchangeUtils.PRESERVE_HOST_HEADER_ATTRIBUTE, true);
		if (passHost == PassHost.REWRITE && compiled.upstreamHost() != null) {
			// Only the header changes: X-Forwarded-Host is computed from the request URI,
			// so it still names the host the client called.
			return exchange.mutate()
				.request((request) -> request
					.headers((headers) -> headers.set(HttpHeaders.HOST, compiled.upstreamHost())))
				.build();
		}
		return exchange;
	}

}

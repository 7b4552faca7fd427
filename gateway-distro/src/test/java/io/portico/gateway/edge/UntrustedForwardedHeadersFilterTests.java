package io.portico.gateway.edge;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class UntrustedForwardedHeadersFilterTests {

	private final UntrustedForwardedHeadersFilter filter = new UntrustedForwardedHeadersFilter(
			ProxyAddresses.of(List.of("10.0.0.0/8")));

	@Test
	void filter_fromUntrustedPeer_dropsEveryForwardedHeaderAndKeepsTheOthers() {
		MockServerWebExchange exchange = exchangeFrom("203.0.113.9");

		HttpHeaders sent = this.filter.filter(exchange.getRequest().getHeaders(), exchange);

		assertThat(sent.headerNames()).containsExactlyInAnyOrder("Accept", "Host");
	}

	@Test
	void filter_fromTrustedProxy_keepsTheHeadersAsReceived() {
		MockServerWebExchange exchange = exchangeFrom("10.1.2.3");

		HttpHeaders sent = this.filter.filter(exchange.getRequest().getHeaders(), exchange);

		assertThat(sent.getFirst("X-Forwarded-For")).isEqualTo("1.2.3.4");
		assertThat(sent.getFirst("Forwarded")).isEqualTo("for=1.2.3.4");
		assertThat(sent.getFirst("x-forwarded-host")).isEqualTo("evil.example");
	}

	@Test
	void filter_withoutTrustedProxies_trustsNoPeer() {
		UntrustedForwardedHeadersFilter trustNone = new UntrustedForwardedHeadersFilter(ProxyAddresses.of(List.of()));
		MockServerWebExchange exchange = exchangeFrom("127.0.0.1");

		assertThat(trustNone.filter(exchange.getRequest().getHeaders(), exchange).headerNames())
			.containsExactlyInAnyOrder("Accept", "Host");
	}

	private static MockServerWebExchange exchangeFrom(String peer) {
		return MockServerWebExchange.from(MockServerHttpRequest.get("http://gw.example/anything/x")
			.remoteAddress(new InetSocketAddress(peer, 51000))
			.header("Host", "gw.example")
			.header("Accept", "*/*")
			.header("X-Forwarded-For", "1.2.3.4")
			.header("x-forwarded-host", "evil.example")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Port", "443")
			.header("X-Forwarded-Prefix", "/admin")
			.header("Forwarded", "for=1.2.3.4"));
	}

}

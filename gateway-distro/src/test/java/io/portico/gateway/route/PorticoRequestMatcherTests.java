package io.portico.gateway.route;

import java.util.List;

import io.portico.compiler.model.PathMatch;
import io.portico.compiler.model.PathMatch.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PorticoRequestMatcherTests {

	private static PorticoRequestMatcher path(Kind kind, String pattern) {
		return new PorticoRequestMatcher(new PathMatch(kind, pattern), List.of(), List.of());
	}

	@Test
	void exact_matchesOnlyTheSamePath() {
		PorticoRequestMatcher matcher = path(Kind.EXACT, "/status");
		assertThat(matcher.matchesPath("/status")).isTrue();
		assertThat(matcher.matchesPath("/status/")).isFalse();
		assertThat(matcher.matchesPath("/statusx")).isFalse();
		assertThat(matcher.matchesPath("/STATUS")).isFalse();
	}

	@Test
	void prefix_matchesTheSlashAndBelowButNotTheBareSegment() {
		PorticoRequestMatcher matcher = path(Kind.PREFIX, "/anything/");
		assertThat(matcher.matchesPath("/anything/")).isTrue();
		assertThat(matcher.matchesPath("/anything/publish")).isTrue();
		assertThat(matcher.matchesPath("/anything/a/b?c")).isTrue();
		assertThat(matcher.matchesPath("/anything")).isFalse();
		assertThat(matcher.matchesPath("/anythingelse")).isFalse();
	}

	@Test
	void template_parameterTakesExactlyOneNonEmptySegment() {
		PorticoRequestMatcher matcher = path(Kind.TEMPLATE, "/users/{id}");
		assertThat(matcher.matchesPath("/users/42")).isTrue();
		assertThat(matcher.matchesPath("/users/a%2Fb")).isTrue();
		assertThat(matcher.matchesPath("/users/")).isFalse();
		assertThat(matcher.matchesPath("/users")).isFalse();
		assertThat(matcher.matchesPath("/users/42/")).isFalse();
		assertThat(matcher.matchesPath("/users/42/orders")).isFalse();
		assertThat(matcher.matchesPath("/people/42")).isFalse();
	}

	@Test
	void template_literalsAfterParametersMustMatch() {
		PorticoRequestMatcher matcher = path(Kind.TEMPLATE, "/users/{id}/orders/{order}");
		assertThat(matcher.matchesPath("/users/1/orders/2")).isTrue();
		assertThat(matcher.matchesPath("/users/1/invoices/2")).isFalse();
		assertThat(matcher.matchesPath("/users//orders/2")).isFalse();
	}

	@Test
	void template_trailingStarMatchesAnyRemainderAfterTheSlash() {
		PorticoRequestMatcher matcher = path(Kind.TEMPLATE, "/users/{id}/*");
		assertThat(matcher.matchesPath("/users/1/")).isTrue();
		assertThat(matcher.matchesPath("/users/1/orders/2")).isTrue();
		assertThat(matcher.matchesPath("/users/1")).isFalse();
		assertThat(matcher.matchesPath("/users//x")).isFalse();
	}

	@Test
	void methods_emptyMatchesAllElseOnlyListed() {
		PathMatch any = new PathMatch(Kind.PREFIX, "/");
		assertThat(new PorticoRequestMatcher(any, List.of(), List.of()).matchesMethod("DELETE")).isTrue();
		PorticoRequestMatcher get = new PorticoRequestMatcher(any, List.of("GET", "HEAD"), List.of());
		assertThat(get.matchesMethod("GET")).isTrue();
		assertThat(get.matchesMethod("HEAD")).isTrue();
		assertThat(get.matchesMethod("POST")).isFalse();
	}

	@Test
	void hosts_ignorePortAndCaseAndSupportWildcards() {
		PorticoRequestMatcher matcher = new PorticoRequestMatcher(new PathMatch(Kind.PREFIX, "/"), List.of(),
				List.of("api.example.com", "*.example.org"));
		assertThat(matcher.matchesHost("api.example.com")).isTrue();
		assertThat(matcher.matchesHost("API.Example.COM:9080")).isTrue();
		assertThat(matcher.matchesHost("a.example.org")).isTrue();
		assertThat(matcher.matchesHost("a.b.example.org:80")).isTrue();
		assertThat(matcher.matchesHost("example.org")).isFalse();
		assertThat(matcher.matchesHost("www.example.com")).isFalse();
		assertThat(matcher.matchesHost(null)).isFalse();
	}

	@Test
	void hosts_emptyMatchesAnyHostEvenWithoutHeader() {
		PorticoRequestMatcher matcher = path(Kind.PREFIX, "/");
		assertThat(matcher.matchesHost(null)).isTrue();
		assertThat(matcher.matchesHost("[::1]:9080")).isTrue();
	}

	@Test
	void matches_requiresPathMethodAndHostTogether() {
		PorticoRequestMatcher matcher = new PorticoRequestMatcher(new PathMatch(Kind.PREFIX, "/anything/"),
				List.of("GET"), List.of("localhost"));
		assertThat(matcher.matches("GET", "localhost:9080", "/anything/publish")).isTrue();
		assertThat(matcher.matches("POST", "localhost:9080", "/anything/publish")).isFalse();
		assertThat(matcher.matches("GET", "other", "/anything/publish")).isFalse();
		assertThat(matcher.matches("GET", "localhost", "/anything")).isFalse();
	}

	@Test
	void hostWithoutPort_keepsIpv6Brackets() {
		assertThat(PorticoRequestMatcher.hostWithoutPort("[::1]:9080")).isEqualTo("[::1]");
		assertThat(PorticoRequestMatcher.hostWithoutPort("Example.com.")).isEqualTo("example.com");
	}

}

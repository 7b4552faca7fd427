package io.portico.gateway.route;

import java.util.Arrays;
import java.util.List;

import io.portico.compiler.model.PathMatch;
import io.portico.compiler.model.PathMatch.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PorticoRequestMatcherTests {

	private static PorticoRequestMatcher path(Kind kind, String pattern) {
		return new PorticoRequestMatcher(new PathMatch(kind, pattern), List.of(), List.of());
	}

	private static void assertPaths(PorticoRequestMatcher matcher, List<String> matching, List<String> notMatching) {
		assertThat(matching).allSatisfy((path) -> assertThat(matcher.matchesPath(path)).as("path %s", path).isTrue());
		assertThat(notMatching)
			.allSatisfy((path) -> assertThat(matcher.matchesPath(path)).as("path %s", path).isFalse());
	}

	private static void assertHosts(PorticoRequestMatcher matcher, List<String> matching, List<String> notMatching) {
		assertThat(matching).allSatisfy((host) -> assertThat(matcher.matchesHost(host)).as("host %s", host).isTrue());
		assertThat(notMatching)
			.allSatisfy((host) -> assertThat(matcher.matchesHost(host)).as("host %s", host).isFalse());
	}

	@Test
	void exact_matchesOnlyTheSamePath() {
		PorticoRequestMatcher matcher = path(Kind.EXACT, "/status");
		assertPaths(matcher, List.of("/status"), List.of("/status/", "/statusx", "/STATUS"));
	}

	@Test
	void prefix_matchesTheSlashAndBelowButNotTheBareSegment() {
		PorticoRequestMatcher matcher = path(Kind.PREFIX, "/anything/");
		assertPaths(matcher, List.of("/anything/", "/anything/publish", "/anything/a/b?c"),
				List.of("/anything", "/anythingelse"));
	}

	@Test
	void template_parameterTakesExactlyOneNonEmptySegment() {
		PorticoRequestMatcher matcher = path(Kind.TEMPLATE, "/users/{id}");
		assertPaths(matcher, List.of("/users/42", "/users/a%2Fb"),
				List.of("/users/", "/users", "/users/42/", "/users/42/orders", "/people/42"));
	}

	@Test
	void template_literalsAfterParametersMustMatch() {
		PorticoRequestMatcher matcher = path(Kind.TEMPLATE, "/users/{id}/orders/{order}");
		assertPaths(matcher, List.of("/users/1/orders/2"), List.of("/users/1/invoices/2", "/users//orders/2"));
	}

	@Test
	void template_parametersWithinASegment_matchTheLiteralTextAroundNonEmptyValues() {
		assertPaths(path(Kind.TEMPLATE, "/files/{name}.{ext}"), List.of("/files/report.pdf", "/files/a.tar.gz"),
				List.of("/files/report", "/files/.pdf", "/files/report.", "/files/x/report.pdf"));
		assertPaths(path(Kind.TEMPLATE, "/Accounts/{AccountSid}/Calls/{Sid}.json"),
				List.of("/Accounts/AC1/Calls/CA2.json"),
				List.of("/Accounts/AC1/Calls/CA2", "/Accounts/AC1/Calls/.json"));
		assertPaths(path(Kind.TEMPLATE, "/report-{id}"), List.of("/report-7"), List.of("/report-", "/report7"));
	}

	@Test
	void template_trailingStarMatchesAnyRemainderAfterTheSlash() {
		PorticoRequestMatcher matcher = path(Kind.TEMPLATE, "/users/{id}/*");
		assertPaths(matcher, List.of("/users/1/", "/users/1/orders/2"), List.of("/users/1", "/users//x"));
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
		assertHosts(matcher, List.of("api.example.com", "API.Example.COM:9080", "a.example.org", "a.b.example.org:80"),
				Arrays.asList("example.org", "www.example.com", null));
	}

	@Test
	void hosts_emptyMatchesAnyHostEvenWithoutHeader() {
		PorticoRequestMatcher matcher = path(Kind.PREFIX, "/");
		assertHosts(matcher, Arrays.asList(null, "[::1]:9080"), List.of());
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

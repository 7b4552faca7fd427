package io.portico.gateway.canary;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.portico.compiler.model.CanaryConditions;
import io.portico.compiler.model.CanaryConditions.Match;
import io.portico.compiler.model.CanaryRule;
import io.portico.compiler.model.CanaryRule.Operator;
import io.portico.compiler.model.CanaryRule.Source;
import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.CanarySticky;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class CanarySideSelectorTests {

	private static CanarySpec weight(int weight) {
		return new CanarySpec(weight, null, null, null, "1.1.0");
	}

	private static CanarySpec conditions(Match match, CanaryRule... rules) {
		return new CanarySpec(100, new CanaryConditions(match, List.of(rules)), null, null, "1.1.0");
	}

	private static CanarySpec sticky(int weight, CanarySticky.Source source, String name) {
		return new CanarySpec(weight, null, new CanarySticky(source, name), null, "1.1.0");
	}

	private static CanaryRule rule(Source source, String name, Operator operator, String value) {
		return new CanaryRule(source, name, operator, value);
	}

	private static int canaryCount(CanarySideSelector selector, int requests, CanaryRequest request) {
		int canary = 0;
		for (int i = 0; i < requests; i++) {
			canary += (selector.select(request) == CanarySide.CANARY) ? 1 : 0;
		}
		return canary;
	}

	@Test
	void select_weight20_sendsExactly20OfEvery100ConsecutiveRequests() {
		CanarySideSelector selector = new CanarySideSelector("svc", weight(20));
		List<CanarySide> sides = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			sides.add(selector.select(FakeRequest.empty()));
		}

		assertThat(sides.stream().filter((side) -> side == CanarySide.CANARY).count()).isEqualTo(2000);
		for (int start = 0; start + 100 <= sides.size(); start += 37) {
			assertThat(sides.subList(start, start + 100).stream().filter((side) -> side == CanarySide.CANARY).count())
				.as("window at %d", start)
				.isEqualTo(20);
		}
		// Smooth: never two canary requests in a row at weight 20.
		for (int i = 1; i < sides.size(); i++) {
			assertThat(sides.get(i) == CanarySide.CANARY && sides.get(i - 1) == CanarySide.CANARY).isFalse();
		}
	}

	@Test
	void select_weight0AndWeight100_sendAllToOneSide() {
		assertThat(canaryCount(new CanarySideSelector("svc", weight(0)), 1000, FakeRequest.empty())).isZero();
		assertThat(canaryCount(new CanarySideSelector("svc", weight(100)), 1000, FakeRequest.empty())).isEqualTo(1000);
	}

	@Test
	void select_concurrentRequests_stayExact() throws Exception {
		CanarySideSelector selector = new CanarySideSelector("svc", weight(37));
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Integer>> parts = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				parts.add(pool.submit(() -> canaryCount(selector, 2500, FakeRequest.empty())));
			}
			int total = 0;
			for (Future<Integer> part : parts) {
				total += part.get(10, TimeUnit.SECONDS);
			}
			assertThat(total).isEqualTo(3700);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void select_headerEqualsCondition_onlyMatchingRequestsGoToTheCanary() {
		CanarySideSelector selector = new CanarySideSelector("svc",
				conditions(Match.ALL, rule(Source.HEADER, "X-Canary", Operator.EQUALS, "on")));

		assertThat(selector.select(FakeRequest.header("X-Canary", "on"))).isEqualTo(CanarySide.CANARY);
		assertThat(selector.select(FakeRequest.header("X-Canary", "off"))).isEqualTo(CanarySide.BASELINE);
		assertThat(selector.select(FakeRequest.empty())).isEqualTo(CanarySide.BASELINE);
	}

	@Test
	void select_conditionsWithWeight_splitOnlyTheEligibleRequests() {
		CanarySpec spec = new CanarySpec(50,
				new CanaryConditions(Match.ALL, List.of(rule(Source.QUERY, "beta", Operator.PRESENT, null))), null,
				null, "1.1.0");
		CanarySideSelector selector = new CanarySideSelector("svc", spec);

		assertThat(canaryCount(selector, 100, FakeRequest.empty())).isZero();
		assertThat(canaryCount(selector, 100, FakeRequest.query("beta", ""))).isEqualTo(50);
	}

	@Test
	void eligible_allOf_needsEveryRule() {
		CanarySideSelector selector = new CanarySideSelector("svc",
				conditions(Match.ALL, rule(Source.HEADER, "X-A", Operator.EQUALS, "1"),
						rule(Source.QUERY, "q", Operator.REGEX, "v[0-9]+"),
						rule(Source.COOKIE, "c", Operator.NOT_EQUALS, "blocked")));

		assertThat(selector.eligible(new FakeRequest(Map.of("x-a", "1"), Map.of("q", "v12"), Map.of("c", "ok"))))
			.isTrue();
		assertThat(selector.eligible(new FakeRequest(Map.of("x-a", "1"), Map.of("q", "v12"), Map.of()))).isTrue();
		assertThat(selector.eligible(new FakeRequest(Map.of("x-a", "1"), Map.of("q", "v12x"), Map.of()))).isFalse();
		assertThat(selector.eligible(new FakeRequest(Map.of("x-a", "1"), Map.of("q", "v1"), Map.of("c", "blocked"))))
			.isFalse();
		assertThat(selector.eligible(new FakeRequest(Map.of(), Map.of("q", "v1"), Map.of()))).isFalse();
	}

	@Test
	void eligible_anyOf_needsOneRule() {
		CanarySideSelector selector = new CanarySideSelector("svc", conditions(Match.ANY,
				rule(Source.HEADER, "X-A", Operator.EQUALS, "1"), rule(Source.COOKIE, "beta", Operator.PRESENT, null)));

		assertThat(selector.eligible(FakeRequest.header("X-A", "1"))).isTrue();
		assertThat(selector.eligible(FakeRequest.cookie("beta", ""))).isTrue();
		assertThat(selector.eligible(FakeRequest.header("X-A", "2"))).isFalse();
		assertThat(selector.eligible(FakeRequest.empty())).isFalse();
	}

	@Test
	void eligible_notEquals_holdsWhenAbsentOrDifferent() {
		CanarySideSelector selector = new CanarySideSelector("svc",
				conditions(Match.ALL, rule(Source.QUERY, "env", Operator.NOT_EQUALS, "prod")));

		assertThat(selector.eligible(FakeRequest.empty())).isTrue();
		assertThat(selector.eligible(FakeRequest.query("env", "dev"))).isTrue();
		assertThat(selector.eligible(FakeRequest.query("env", "prod"))).isFalse();
	}

	@Test
	void eligible_regex_mustMatchTheWholeValue() {
		CanarySideSelector selector = new CanarySideSelector("svc",
				conditions(Match.ALL, rule(Source.HEADER, "User-Agent", Operator.REGEX, "Mobile.*")));

		assertThat(selector.eligible(FakeRequest.header("User-Agent", "Mobile Safari"))).isTrue();
		assertThat(selector.eligible(FakeRequest.header("User-Agent", "Not Mobile"))).isFalse();
	}

	@Test
	void eligible_catastrophicRegexOnA50KbHeader_completesInLinearTime() {
		CanarySideSelector selector = new CanarySideSelector("svc",
				conditions(Match.ALL, rule(Source.HEADER, "X-Payload", Operator.REGEX, "(a+)+$")));
		// All 'a' then one '!': java.util.regex backtracks exponentially before failing.
		FakeRequest request = FakeRequest.header("X-Payload", "a".repeat(50 * 1024) + "!");
		selector.eligible(request);

		// The selector matches with the linear-time engine that CanaryRegexTests times;
		// java.util.regex would take hours here. On its own thread, so that a regression
		// fails after 5 s instead of hanging.
		assertThat(CompletableFuture.supplyAsync(() -> selector.eligible(request)))
			.succeedsWithin(Duration.ofSeconds(5))
			.isEqualTo(false);
		assertThat(selector.eligible(FakeRequest.header("X-Payload", "a".repeat(50 * 1024)))).isTrue();
	}

	@Test
	void select_stickyHeader_keepsEach100ClientsOnOneSideWithAShareNearTheWeight() {
		CanarySideSelector selector = new CanarySideSelector("svc", sticky(30, CanarySticky.Source.HEADER, "X-User"));
		int onCanary = 0;
		for (int client = 0; client < 100; client++) {
			FakeRequest request = FakeRequest.header("X-User", "user-" + client);
			CanarySide first = selector.select(request);
			for (int i = 0; i < 20; i++) {
				assertThat(selector.select(request)).as("client %d", client).isEqualTo(first);
			}
			onCanary += (first == CanarySide.CANARY) ? 1 : 0;
		}
		assertThat(onCanary).isBetween(18, 42);
	}

	@Test
	void select_stickyOverManyKeys_shareIsCloseToTheWeight() {
		CanarySideSelector selector = new CanarySideSelector("svc", sticky(20, CanarySticky.Source.COOKIE, "sid"));
		int onCanary = 0;
		for (int client = 0; client < 10_000; client++) {
			onCanary += (selector.select(FakeRequest.cookie("sid", "session-" + client)) == CanarySide.CANARY) ? 1 : 0;
		}
		assertThat(onCanary).isBetween(1800, 2200);
	}

	@Test
	void select_stickyKeyMissing_fallsBackToTheExactCounter() {
		CanarySideSelector selector = new CanarySideSelector("svc", sticky(25, CanarySticky.Source.HEADER, "X-User"));

		assertThat(canaryCount(selector, 400, FakeRequest.empty())).isEqualTo(100);
	}

	@Test
	void bucket_isStableAndInRange() {
		assertThat(CanarySideSelector.bucket("user-1")).isEqualTo(CanarySideSelector.bucket("user-1")).isBetween(0, 99);
		Map<Integer, Integer> buckets = new HashMap<>();
		for (int i = 0; i < 1000; i++) {
			buckets.merge(CanarySideSelector.bucket("k" + i), 1, Integer::sum);
		}
		assertThat(buckets).hasSizeGreaterThan(90);
	}

	@Test
	void select_exchange_headersCaseInsensitiveCookiesQueryAndDecidedOnce() {
		CanarySideSelector selector = new CanarySideSelector("svc",
				new CanarySpec(50,
						new CanaryConditions(Match.ALL,
								List.of(rule(Source.HEADER, "X-Canary", Operator.EQUALS, "on"),
										rule(Source.COOKIE, "beta", Operator.EQUALS, "1"),
										rule(Source.QUERY, "q", Operator.EQUALS, "a b"))),
						null, null, "1.1.0"));
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.method(HttpMethod.GET, URI.create("/x?q=a%20b"))
				.header("x-canary", "on")
				.cookie(new HttpCookie("beta", "1")));

		// Weight 50 alternates baseline and canary over eligible requests: the second
		// exchange lands on the other side only if both are eligible and the first one's
		// side was decided once.
		CanarySide first = selector.select(exchange);
		for (int i = 0; i < 10; i++) {
			assertThat(selector.select(exchange)).isEqualTo(first);
		}
		MockServerWebExchange second = MockServerWebExchange
			.from(MockServerHttpRequest.method(HttpMethod.GET, URI.create("/x?q=a%20b"))
				.header("X-CANARY", "on")
				.cookie(new HttpCookie("beta", "1")));
		assertThat(selector.select(second)).isNotEqualTo(first);
		assertThat(exchange.<CanarySide>getAttribute(CanarySideSelector.attributeName("svc"))).isEqualTo(first);
	}

	@Test
	void select_stickyClientAddress_usesTheRemoteAddress() {
		CanarySideSelector selector = new CanarySideSelector("svc",
				sticky(50, CanarySticky.Source.CLIENT_ADDRESS, null));
		int onCanary = 0;
		for (int i = 1; i <= 100; i++) {
			InetSocketAddress address = new InetSocketAddress("10.0.0." + i, 40000);
			CanarySide side = selector.select(MockServerWebExchange
				.from(MockServerHttpRequest.get("/x").remoteAddress(address).header("X-Forwarded-For", "1.2.3.4")));
			int bucket = CanarySideSelector.bucket("10.0.0." + i);
			assertThat(side).isEqualTo((bucket < 50) ? CanarySide.CANARY : CanarySide.BASELINE);
			onCanary += (side == CanarySide.CANARY) ? 1 : 0;
		}
		assertThat(onCanary).isBetween(30, 70);
	}

	/**
	 * A request of plain maps; header names case-insensitive.
	 */
	private record FakeRequest(Map<String, String> headers, Map<String, String> query,
			Map<String, String> cookies) implements CanaryRequest {

		static FakeRequest empty() {
			return new FakeRequest(Map.of(), Map.of(), Map.of());
		}

		static FakeRequest header(String name, String value) {
			return new FakeRequest(Map.of(name.toLowerCase(Locale.ROOT), value), Map.of(), Map.of());
		}

		static FakeRequest query(String name, String value) {
			return new FakeRequest(Map.of(), Map.of(name, value), Map.of());
		}

		static FakeRequest cookie(String name, String value) {
			return new FakeRequest(Map.of(), Map.of(), Map.of(name, value));
		}

		@Override
		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		@Override
		public String query(String name) {
			return this.query.get(name);
		}

		@Override
		public String cookie(String name) {
			return this.cookies.get(name);
		}

		@Override
		public String clientAddress() {
			return null;
		}

	}

}

package io.portico.compiler;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.portico.compiler.model.CanaryConditions;
import io.portico.compiler.model.CanaryRule;
import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.CanarySticky;
import io.portico.compiler.model.CompiledRoute;
import io.portico.compiler.model.CompiledService;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.compiler.model.Node;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.PassHost;
import io.portico.compiler.model.PathMatch;
import io.portico.compiler.model.PublishedService;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;
import io.portico.compiler.model.Timeouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DefaultRouteCompiler}: {@code validateRoute} and what golden files
 * cannot show (defaults, immutability, null handling). The full rule set is covered by
 * {@link DefaultRouteCompilerGoldenTests}.
 */
class DefaultRouteCompilerTests {

	private final RouteCompiler compiler = new DefaultRouteCompiler();

	@Test
	void validateRoute_tutorialRoute_hasNoErrors() {
		RouteSpec route = new RouteSpec(null, "getting-started-anything", List.of("/anything/*"), List.of("GET"),
				"Anything\nat all", Map.of("team", "platform"));

		assertThat(this.compiler.validateRoute(route)).isEmpty();
	}

	@Test
	void validateRoute_badRoute_namesFieldsRelativeToTheRoute() {
		RouteSpec route = new RouteSpec("r1", " ", List.of("/ok", "nope", "/a/*/b"), List.of("GET", "get", "GET"), "",
				Map.of());

		assertThat(this.compiler.validateRoute(route)).containsExactly(new FieldError("name", "must not be blank"),
				new FieldError("paths[1]", "must start with '/'"),
				new FieldError("paths[2]", "may contain '*' only as the whole last segment, such as /anything/*"),
				new FieldError("methods[1]",
						"must be one of GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS, CONNECT, TRACE, PURGE"),
				new FieldError("methods[2]", "duplicate method 'GET'"));
	}

	@Test
	void validateRoute_noPaths_requiresOne() {
		RouteSpec route = new RouteSpec(null, "a", List.of(), List.of(), null, null);

		assertThat(this.compiler.validateRoute(route))
			.containsExactly(new FieldError("paths", "at least one path is required"));
	}

	@Test
	void validateRoute_spelInLabelKeyAndValue_rejected() {
		RouteSpec route = new RouteSpec(null, "a", List.of("/a"), List.of(), "", Map.of("#{k}", "v", "env", "#{v}"));

		assertThat(this.compiler.validateRoute(route)).containsExactly(
				new FieldError("labels", "key must not contain '#{'"),
				new FieldError("labels.env", "must not contain '#{'"));
	}

	@Test
	void validateRoute_idWithSlash_rejected() {
		RouteSpec route = new RouteSpec("a/b", "a", List.of("/a"), List.of(), "", Map.of());

		assertThat(this.compiler.validateRoute(route)).containsExactly(new FieldError("id", "must not contain '/'"));
	}

	@Test
	void validateRoute_nameTooLongAndDescriptionWithControlCharacter_rejected() {
		RouteSpec route = new RouteSpec(null, "n".repeat(101), List.of("/a"), List.of(), "bell\u0007", Map.of());

		assertThat(this.compiler.validateRoute(route)).containsExactly(
				new FieldError("name", "must be at most 100 characters"),
				new FieldError("description", "must not contain control characters"));
	}

	@Test
	void compile_nullTimeouts_takeDefaults() {
		CompiledService compiled = this.compiler.compile(service(runtime(new Timeouts(null, Duration.ofMillis(1500)))));

		CompiledRoute route = compiled.routes().get(0);
		assertThat(route.connectTimeout()).isEqualTo(Timeouts.DEFAULT_CONNECT);
		assertThat(route.readTimeout()).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void compile_subMillisecondTimeout_rejected() {
		PublishedService service = service(runtime(new Timeouts(Duration.ofNanos(1_500_000), null)));

		assertThatExceptionOfType(RouteCompilationException.class).isThrownBy(() -> this.compiler.compile(service))
			.satisfies((ex) -> assertThat(ex.getErrors())
				.containsExactly(new FieldError("timeout.connect", "must be a whole number of milliseconds")));
	}

	@Test
	void compile_tutorial_compilesOnePrefixRoute() {
		CompiledService compiled = this.compiler.compile(service(runtime(null)));

		assertThat(compiled.upstream().scheme()).isEqualTo("http");
		assertThat(compiled.upstream().upstream())
			.isEqualTo(new NodesUpstream(List.of(new Node("httpbin.org", 80, 100))));
		assertThat(compiled.routes()).singleElement().satisfies((route) -> {
			assertThat(route.id()).isEqualTo("svc/r1/0");
			assertThat(route.path()).isEqualTo(new PathMatch(PathMatch.Kind.PREFIX, "/anything/"));
			assertThat(route.methods()).containsExactly("GET");
			assertThat(route.passHost()).isEqualTo(PassHost.PASS);
			assertThat(route.upstreamHost()).isNull();
		});
	}

	@Test
	void compile_sameInputTwice_givesEqualResults() {
		PublishedService service = service(runtime(null));

		assertThat(this.compiler.compile(service)).isEqualTo(this.compiler.compile(service));
	}

	@Test
	void compile_result_isImmutable() {
		CompiledService compiled = this.compiler.compile(service(runtime(null)));

		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> compiled.routes().remove(0));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> compiled.routes().get(0).methods().clear());
	}

	@Test
	void compile_discoveryWithNullNamespaceAndBlankPortName_normalized() {
		RuntimeConfig runtime = new RuntimeConfig(new DiscoveryUpstream("reg", null, "httpbin", ""), List.of(), "",
				null, null, null);

		CompiledService compiled = this.compiler.compile(service(runtime));

		assertThat(compiled.upstream().upstream()).isEqualTo(new DiscoveryUpstream("reg", "", "httpbin", null));
	}

	@Test
	void compile_missingRuntimeAndUpstream_reported() {
		PublishedService noRuntime = new PublishedService("default", "svc", "httpbin", "1.0.0", "http",
				List.of(tutorialRoute()), null);
		PublishedService noUpstream = service(new RuntimeConfig(null, null, null, null, null, null));

		assertThatExceptionOfType(RouteCompilationException.class).isThrownBy(() -> this.compiler.compile(noRuntime))
			.satisfies((ex) -> assertThat(ex.getErrors()).containsExactly(new FieldError("runtime", "is required")));
		assertThatExceptionOfType(RouteCompilationException.class).isThrownBy(() -> this.compiler.compile(noUpstream))
			.satisfies((ex) -> assertThat(ex.getErrors()).containsExactly(new FieldError("upstream", "is required")));
	}

	@Test
	void compile_errors_appearInExceptionMessage() {
		PublishedService service = new PublishedService("default", "svc", "httpbin", "1.0", "http",
				List.of(tutorialRoute()), runtime(null));

		assertThatExceptionOfType(RouteCompilationException.class).isThrownBy(() -> this.compiler.compile(service))
			.withMessage("version: must be a semantic version such as 1.0.0 or 1.0.0-rc.1");
	}

	@Test
	void compile_rewriteWithInvalidUpstreamHost_rejected() {
		for (String bad : List.of("::1", "[::1]:0", "host:port", "http://a", "a b")) {
			RuntimeConfig runtime = new RuntimeConfig(new NodesUpstream(List.of(new Node("httpbin.org", 80, 100))),
					List.of(), "", PassHost.REWRITE, bad, null);

			assertThatExceptionOfType(RouteCompilationException.class)
				.isThrownBy(() -> this.compiler.compile(service(runtime)))
				.satisfies((ex) -> assertThat(ex.getErrors()).extracting(FieldError::field)
					.as(bad)
					.containsExactly("upstream_host"));
		}
	}

	@Test
	void compile_rewriteWithBracketedIpv6AndPort_accepted() {
		RuntimeConfig runtime = new RuntimeConfig(new NodesUpstream(List.of(new Node("httpbin.org", 80, 100))),
				List.of(), "", PassHost.REWRITE, "[2001:DB8::1]:8443", null);

		assertThat(this.compiler.compile(service(runtime)).routes().get(0).upstreamHost())
			.isEqualTo("[2001:db8::1]:8443");
	}

	@Test
	void validateCanary_weightedUpstreamCanary_hasNoErrors() {
		CanarySpec canary = new CanarySpec(20, null, null, new NodesUpstream(List.of(new Node("10.0.0.2", 8081, 100))),
				null);

		assertThat(this.compiler.validateCanary(canary)).isEmpty();
	}

	@Test
	void validateCanary_weightBounds_zeroAndHundredAcceptedOutsideRejected() {
		assertThat(this.compiler.validateCanary(new CanarySpec(0, null, null, null, "1.1.0"))).isEmpty();
		assertThat(this.compiler.validateCanary(new CanarySpec(100, null, null, null, "1.1.0"))).isEmpty();
		assertThat(this.compiler.validateCanary(new CanarySpec(-1, null, null, null, "1.1.0")))
			.containsExactly(new FieldError("weight", "must be between 0 and 100"));
		assertThat(this.compiler.validateCanary(new CanarySpec(101, null, null, null, "1.1.0")))
			.containsExactly(new FieldError("weight", "must be between 0 and 100"));
	}

	@Test
	void validateCanary_badParts_namesFieldsRelativeToTheCanary() {
		CanaryConditions conditions = new CanaryConditions(CanaryConditions.Match.ANY,
				List.of(new CanaryRule(null, "x", CanaryRule.Operator.EQUALS, "on"),
						new CanaryRule(CanaryRule.Source.COOKIE, "a;b", null, null),
						new CanaryRule(CanaryRule.Source.QUERY, "#{q}", CanaryRule.Operator.REGEX, "a".repeat(513))));
		CanarySpec canary = new CanarySpec(20, conditions, new CanarySticky(null, null),
				new DiscoveryUpstream(" ", null, "httpbin", null), null);

		assertThat(this.compiler.validateCanary(canary)).containsExactly(
				new FieldError("conditions.rules[0].source", "must be one of header, query, cookie"),
				new FieldError("conditions.rules[1].name",
						"must be a valid cookie name (letters, digits and !#$%&'*+-.^_`|~)"),
				new FieldError("conditions.rules[1].operator", "must be one of equals, not_equals, regex, present"),
				new FieldError("conditions.rules[2].name", "must not contain '#{'"),
				new FieldError("conditions.rules[2].value", "must be at most 512 characters"),
				new FieldError("sticky.source", "must be one of header, cookie, client_address"),
				new FieldError("upstream.service_registry_id", "must not be blank"));
	}

	@Test
	void validateCanary_stickyHeaderAndClientAddress_nameRequiredOnlyForHeaderAndCookie() {
		assertThat(this.compiler.validateCanary(
				new CanarySpec(50, null, new CanarySticky(CanarySticky.Source.HEADER, "X-User"), null, "1.1.0")))
			.isEmpty();
		assertThat(this.compiler.validateCanary(
				new CanarySpec(50, null, new CanarySticky(CanarySticky.Source.CLIENT_ADDRESS, null), null, "1.1.0")))
			.isEmpty();
		assertThat(this.compiler
			.validateCanary(new CanarySpec(50, null, new CanarySticky(CanarySticky.Source.COOKIE, ""), null, "1.1.0")))
			.extracting(FieldError::field)
			.containsExactly("sticky.name");
	}

	@Test
	void validateCanary_spelInVersion_rejected() {
		assertThat(this.compiler.validateCanary(new CanarySpec(50, null, null, null, "#{1}")))
			.containsExactly(new FieldError("version", "must not contain '#{'"));
	}

	private static PublishedService service(RuntimeConfig runtime) {
		return new PublishedService("default", "svc", "httpbin", "1.0.0", "http", List.of(tutorialRoute()), runtime);
	}

	private static RuntimeConfig runtime(Timeouts timeouts) {
		return new RuntimeConfig(new NodesUpstream(List.of(new Node("HTTPBIN.org", 80, 100))), List.of(), "", null,
				null, timeouts);
	}

	private static RouteSpec tutorialRoute() {
		return new RouteSpec("r1", "getting-started-anything", List.of("/anything/*"), List.of("GET"), "", Map.of());
	}

}

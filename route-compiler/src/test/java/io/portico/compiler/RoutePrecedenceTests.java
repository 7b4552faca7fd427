package io.portico.compiler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.portico.compiler.model.CompiledRoute;
import io.portico.compiler.model.PassHost;
import io.portico.compiler.model.PathMatch;
import io.portico.compiler.model.PathMatch.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RoutePrecedence}.
 */
class RoutePrecedenceTests {

	@Test
	void compare_routeWithHosts_beforeRouteWithoutHosts() {
		CompiledRoute anyHost = route("a", Kind.EXACT, "/anything/exact", List.of(), List.of());
		CompiledRoute withHost = route("b", Kind.PREFIX, "/", List.of(), List.of("api.example.com"));

		assertThat(sorted(anyHost, withHost)).containsExactly(withHost, anyHost);
	}

	@Test
	void compare_exactBeforeTemplateBeforePrefix() {
		CompiledRoute prefix = route("a", Kind.PREFIX, "/users/very/long/prefix/", List.of(), List.of());
		CompiledRoute template = route("b", Kind.TEMPLATE, "/users/{id}", List.of(), List.of());
		CompiledRoute exact = route("c", Kind.EXACT, "/u", List.of(), List.of());

		assertThat(sorted(prefix, template, exact)).containsExactly(exact, template, prefix);
	}

	@Test
	void compare_prefixes_longerPrefixFirst() {
		CompiledRoute root = route("a", Kind.PREFIX, "/", List.of(), List.of());
		CompiledRoute anything = route("b", Kind.PREFIX, "/anything/", List.of(), List.of());
		CompiledRoute deep = route("c", Kind.PREFIX, "/anything/deep/", List.of(), List.of());

		assertThat(sorted(root, anything, deep)).containsExactly(deep, anything, root);
	}

	@Test
	void compare_templates_moreLiteralSegmentsFirstThenWithoutRemainder() {
		CompiledRoute one = route("a", Kind.TEMPLATE, "/users/{id}", List.of(), List.of());
		CompiledRoute oneWithRemainder = route("b", Kind.TEMPLATE, "/users/{id}/*", List.of(), List.of());
		CompiledRoute two = route("c", Kind.TEMPLATE, "/users/{id}/orders/{order}", List.of(), List.of());
		CompiledRoute none = route("d", Kind.TEMPLATE, "/{tenant}/{id}", List.of(), List.of());

		assertThat(sorted(none, oneWithRemainder, one, two)).containsExactly(two, one, oneWithRemainder, none);
	}

	@Test
	void compare_templatesWithSameSegments_moreLiteralCharactersFirst() {
		CompiledRoute shorter = route("a", Kind.TEMPLATE, "/u/{id}", List.of(), List.of());
		CompiledRoute longer = route("b", Kind.TEMPLATE, "/users/{id}", List.of(), List.of());

		assertThat(sorted(shorter, longer)).containsExactly(longer, shorter);
	}

	@Test
	void compare_samePattern_routeWithMethodsBeforeAnyMethod() {
		CompiledRoute anyMethod = route("a", Kind.PREFIX, "/anything/", List.of(), List.of());
		CompiledRoute get = route("b", Kind.PREFIX, "/anything/", List.of("GET"), List.of());

		assertThat(sorted(anyMethod, get)).containsExactly(get, anyMethod);
	}

	@Test
	void compare_otherwiseEqual_orderedById() {
		CompiledRoute b = route("svc/r/1", Kind.EXACT, "/x", List.of(), List.of());
		CompiledRoute a = route("svc/r/0", Kind.EXACT, "/y", List.of(), List.of());

		assertThat(sorted(b, a)).containsExactly(a, b);
		assertThat(RoutePrecedence.INSTANCE.compare(a, a)).isZero();
	}

	@Test
	void sort_anyInputOrder_givesSameOrder() {
		List<CompiledRoute> routes = List.of(route("1", Kind.PREFIX, "/", List.of(), List.of()),
				route("2", Kind.PREFIX, "/a/", List.of("GET"), List.of()),
				route("3", Kind.EXACT, "/a", List.of(), List.of("x.example.com")),
				route("4", Kind.TEMPLATE, "/a/{b}", List.of(), List.of()),
				route("5", Kind.TEMPLATE, "/a/{b}/*", List.of("POST"), List.of("*.example.com")),
				route("6", Kind.EXACT, "/a", List.of(), List.of()));
		List<CompiledRoute> expected = new ArrayList<>(routes);
		expected.sort(RoutePrecedence.INSTANCE);
		Random random = new Random(42);
		for (int i = 0; i < 20; i++) {
			List<CompiledRoute> shuffled = new ArrayList<>(routes);
			Collections.shuffle(shuffled, random);
			shuffled.sort(RoutePrecedence.INSTANCE);
			assertThat(shuffled).isEqualTo(expected);
		}
		assertThat(expected).extracting(CompiledRoute::id).containsExactly("3", "5", "6", "4", "2", "1");
	}

	private static List<CompiledRoute> sorted(CompiledRoute... routes) {
		List<CompiledRoute> list = new ArrayList<>(List.of(routes));
		list.sort(RoutePrecedence.INSTANCE);
		return list;
	}

	private static CompiledRoute route(String id, Kind kind, String pattern, List<String> methods, List<String> hosts) {
		return new CompiledRoute(id, "svc", "r", "route", new PathMatch(kind, pattern), methods, hosts, "",
				PassHost.PASS, null, Duration.ofSeconds(5), Duration.ofSeconds(60));
	}

}

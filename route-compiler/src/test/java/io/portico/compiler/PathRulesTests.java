package io.portico.compiler;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.portico.compiler.model.PathMatch;
import io.portico.compiler.model.PathMatch.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PathRules}.
 */
class PathRulesTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-",
			value = { "''|/anything/*|PREFIX|/anything/", "''|/*|PREFIX|/", "''|/anything|EXACT|/anything",
					"''|/|EXACT|/", "''|/a/|EXACT|/a/", "''|/users/{id}|TEMPLATE|/users/{id}",
					"''|/users/{id}/*|TEMPLATE|/users/{id}/*", "/v1|/anything/*|PREFIX|/v1/anything/",
					"/v1|/*|PREFIX|/v1/", "/v1|/get|EXACT|/v1/get", "/v1/api|/users/{id}|TEMPLATE|/v1/api/users/{id}" })
	void compile_apisixSemantics(String prefix, String path, Kind kind, String pattern) {
		assertThat(PathRules.pathProblem(path)).isNull();
		assertThat(PathRules.prefixProblem(prefix)).isNull();
		assertThat(PathRules.compile(prefix, path)).isEqualTo(new PathMatch(kind, pattern));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/a-b_c.d~e", "/a%20b", "/a:b@c", "/a!$&'()+,;=", "/{_x1}/{Y}", "/.well-known/x" })
	void pathProblem_validPath_none(String path) {
		assertThat(PathRules.pathProblem(path)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a", "/a\\b", "/a\"b", "/a<b>", "/a|b", "/a^b", "/a`b", "/é", "/a%2", "/a%", "/..",
			"/.", "/a/..", "/{1a}", "/{a-b}", "/{}", "/a*", "/*/a", "/a\tb", "/a\u00a0b" })
	void pathProblem_invalidPath_rejected(String path) {
		assertThat(PathRules.pathProblem(path)).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(ints = { 4096, 4097 })
	void pathProblem_length_limitedTo4096(int length) {
		String path = "/" + "a".repeat(length - 1);

		assertThat(PathRules.pathProblem(path) == null).isEqualTo(length <= 4096);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "/|must not end with '/' (use '' for no prefix)",
					"/v1/|must not end with '/' (use '' for no prefix)", "v1|must start with '/'",
					"/v1/*|must not contain '*'", "/{v}|must not contain '{' or '}'", "/a//b|must not contain '//'" })
	void prefixProblem_invalidPrefix_explains(String prefix, String message) {
		assertThat(PathRules.prefixProblem(prefix)).isEqualTo(message);
	}

}

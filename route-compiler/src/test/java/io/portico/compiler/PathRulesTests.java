package io.portico.compiler;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.portico.compiler.model.PathMatch;
import io.portico.compiler.model.PathMatch.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests for {@link PathRules}.
 */
class PathRulesTests {

	private static final String BRACES = "may contain '{' and '}' only around parameters named"
			+ " [A-Za-z_][A-Za-z0-9_]*, as a whole segment (/users/{id}) or within one, with text between two of"
			+ " them (/files/{name}.{ext})";

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-",
			value = { "''|/anything/*|PREFIX|/anything/", "''|/*|PREFIX|/", "''|/anything|EXACT|/anything",
					"''|/|EXACT|/", "''|/a/|EXACT|/a/", "''|/users/{id}|TEMPLATE|/users/{id}",
					"''|/users/{id}/*|TEMPLATE|/users/{id}/*", "/v1|/anything/*|PREFIX|/v1/anything/",
					"/v1|/*|PREFIX|/v1/", "/v1|/get|EXACT|/v1/get", "/v1/api|/users/{id}|TEMPLATE|/v1/api/users/{id}",
					"''|/files/{name}.{ext}|TEMPLATE|/files/{name}.{ext}",
					"''|/Accounts/{AccountSid}/Calls/{Sid}.json|TEMPLATE|/Accounts/{AccountSid}/Calls/{Sid}.json" })
	void compile_apisixSemantics(String prefix, String path, Kind kind, String pattern) {
		assertThat(PathRules.pathProblem(path)).isNull();
		assertThat(PathRules.prefixProblem(prefix)).isNull();
		assertThat(PathRules.compile(prefix, path)).isEqualTo(new PathMatch(kind, pattern));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/a-b_c.d~e", "/a%20b", "/a:b@c", "/a!$&'()+,;=", "/{_x1}/{Y}", "/.well-known/x",
			"/files/{name}.{ext}", "/report-{id}", "/{a}-{b}-{c}" })
	void pathProblem_validPath_none(String path) {
		assertThat(PathRules.pathProblem(path)).isNull();
	}

	static Stream<Arguments> invalidPaths() {
		return Stream.of(arguments("", "must not be empty"), arguments("a", "must start with '/'"),
				arguments("/a\\b", "must not contain '\\'"), arguments("/a\"b", "must not contain '\"'"),
				arguments("/a<b>", "must not contain '<'"), arguments("/a|b", "must not contain '|'"),
				arguments("/a^b", "must not contain '^'"), arguments("/a`b", "must not contain '`'"),
				arguments("/é", "must not contain non-ASCII characters (percent-encode them)"),
				arguments("/a%2", "must use '%' only in a percent-encoding such as %20"),
				arguments("/a%", "must use '%' only in a percent-encoding such as %20"),
				arguments("/..", "must not contain '.' or '..' segments"),
				arguments("/.", "must not contain '.' or '..' segments"),
				arguments("/a/..", "must not contain '.' or '..' segments"), arguments("/{1a}", BRACES),
				arguments("/{a-b}", BRACES), arguments("/{}", BRACES), arguments("/{a}{b}", BRACES),
				arguments("/a{b", BRACES), arguments("/a}b", BRACES),
				arguments("/{a}.{a}", "must not repeat the path parameter '{a}'"),
				arguments("/a*", "may contain '*' only as the whole last segment, such as /anything/*"),
				arguments("/*/a", "may contain '*' only as the whole last segment, such as /anything/*"),
				arguments("/a\tb", "must not contain control characters"),
				arguments("/a\u00a0b", "must not contain whitespace"));
	}

	@ParameterizedTest
	@MethodSource("invalidPaths")
	void pathProblem_invalidPath_explains(String path, String message) {
		assertThat(PathRules.pathProblem(path)).isEqualTo(message);
	}

	@ParameterizedTest
	@ValueSource(ints = { 4096, 4097 })
	void pathProblem_length_limitedTo4096(int length) {
		String path = "/" + "a".repeat(length - 1);

		assertThat(PathRules.pathProblem(path)).isEqualTo((length <= 4096) ? null : "must be at most 4096 characters");
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

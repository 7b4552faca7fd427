package io.portico.gateway.edge;

import io.portico.gateway.edge.PathNormalizer.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PathNormalizerTests {

	private final PathNormalizer defaults = new PathNormalizer(true, false);

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			/anything/x                | /anything/x
			/                          | /
			/anything/../admin         | /admin
			/anything/./x              | /anything/x
			/anything/x/.              | /anything/x/
			/anything/x/..             | /anything/
			/a/b/../../c               | /c
			/anything/%2e%2e/admin     | /admin
			/anything/%2E./admin       | /admin
			/anything/.%2e/admin       | /admin
			/anything/%2e/x            | /anything/x
			//anything//x              | /anything/x
			/anything//../x            | /x
			/anything/x//              | /anything/x/
			/%61nything/%7Ex           | /anything/~x
			/anything/a%2bb            | /anything/a%2Bb
			/anything/caf%c3%a9        | /anything/caf%C3%A9
			/anything/a%20b            | /anything/a%20b
			/anything/%25%32%65        | /anything/%252e
			/anything/x;p=1            | /anything/x;p=1
			/anything/...              | /anything/...
			/.well-known/x             | /.well-known/x
			""")
	void normalize_acceptedPath_isResolved(String raw, String expected) {
		PathNormalizer.Result result = this.defaults.normalize(raw);
		assertThat(result.refused()).as("refused: %s", result.problem()).isFalse();
		assertThat(result.path()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			/..                        | ABOVE_ROOT
			/anything/../../admin      | ABOVE_ROOT
			/%2e%2e/admin              | ABOVE_ROOT
			/anything/a%2Fb            | ENCODED_SLASH
			/anything/a%2fb            | ENCODED_SLASH
			/anything/..%2Fadmin       | ENCODED_SLASH
			/anything/a%5Cb            | ENCODED_SLASH
			/anything/a%00             | ENCODED_NUL
			/anything/a\\b             | BACKSLASH
			/anything/%zz              | MALFORMED_ESCAPE
			/anything/%2               | MALFORMED_ESCAPE
			/anything/%C0%AE%C0%AE/x   | NOT_UTF8
			/anything/%C0%AF           | NOT_UTF8
			/anything/%E0%80%AE        | NOT_UTF8
			/anything/%FF              | NOT_UTF8
			/anything/..;/admin        | DOT_SEGMENT_PARAMETERS
			/anything/.;x/admin        | DOT_SEGMENT_PARAMETERS
			/anything/%2e%2e;x/admin   | DOT_SEGMENT_PARAMETERS
			""")
	void normalize_refusedPath_namesTheProblem(String raw, Problem expected) {
		assertThat(this.defaults.normalize(raw).problem()).isEqualTo(expected);
	}

	@Test
	void normalize_pathWithNothingToDo_isTheSameInstance() {
		String path = "/anything/users/42";
		assertThat(this.defaults.normalize(path).path()).isSameAs(path);
	}

	@Test
	void normalize_withoutMergeSlashes_keepsEmptySegments() {
		PathNormalizer keepSlashes = new PathNormalizer(false, false);
		assertThat(keepSlashes.normalize("//anything//x").path()).isEqualTo("//anything//x");
		assertThat(keepSlashes.normalize("/anything//../x").path()).isEqualTo("/anything/x");
	}

	@Test
	void normalize_keepingEscapedSlashes_forwardsThemEncoded() {
		PathNormalizer keep = new PathNormalizer(true, true);
		assertThat(keep.normalize("/anything/a%2fb%5c").path()).isEqualTo("/anything/a%2Fb%5C");
		// Encoded, the slash is no separator: this is one segment named "..%2F", not ".."
		assertThat(keep.normalize("/anything/..%2Fadmin").path()).isEqualTo("/anything/..%2Fadmin");
		assertThat(keep.normalize("/anything/a%00").problem()).isEqualTo(Problem.ENCODED_NUL);
	}

}

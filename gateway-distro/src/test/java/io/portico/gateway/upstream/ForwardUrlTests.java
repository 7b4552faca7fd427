package io.portico.gateway.upstream;

import io.portico.compiler.model.Node;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardUrlTests {

	private static final Node NODE = new Node("10.0.0.5", 8080, 100);

	@Test
	void build_withoutPrefix_keepsPathAndQuery() {
		assertThat(ForwardUrl.build("http", NODE, "/anything/publish", "a=1&b=2", ""))
			.hasToString("http://10.0.0.5:8080/anything/publish?a=1&b=2");
	}

	@Test
	void build_stripsThePrefixOnSegmentBoundaryOnly() {
		assertThat(ForwardUrl.build("https", NODE, "/api/anything/x", null, "/api"))
			.hasToString("https://10.0.0.5:8080/anything/x");
		assertThat(ForwardUrl.build("http", NODE, "/api", null, "/api")).hasToString("http://10.0.0.5:8080/");
		assertThat(ForwardUrl.build("http", NODE, "/apix/y", null, "/api")).hasToString("http://10.0.0.5:8080/apix/y");
		assertThat(ForwardUrl.build("http", NODE, "/api/y", null, "/api/")).hasToString("http://10.0.0.5:8080/y");
	}

	@Test
	void build_keepsPercentEncodingOfPathAndQuery() {
		assertThat(ForwardUrl.build("http", NODE, "/anything/a%2Fb%20c", "q=%26x%3D1&r=caf%C3%A9", ""))
			.hasToString("http://10.0.0.5:8080/anything/a%2Fb%20c?q=%26x%3D1&r=caf%C3%A9")
			.satisfies((uri) -> assertThat(uri.getRawPath()).isEqualTo("/anything/a%2Fb%20c"));
	}

	@Test
	void build_bracketsIpv6Hosts() {
		assertThat(ForwardUrl.build("http", new Node("::1", 80, 1), "/", null, "")).hasToString("http://[::1]:80/");
	}

	@Test
	void build_withEmptyPath_sendsSlash() {
		assertThat(ForwardUrl.build("http", NODE, "", "", "")).hasToString("http://10.0.0.5:8080/");
	}

}

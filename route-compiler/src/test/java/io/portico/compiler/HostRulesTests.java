package io.portico.compiler;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HostRules}.
 */
class HostRulesTests {

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "0.0.0.0", "255.255.255.255", "httpbin.org", "HTTPBIN.ORG", "localhost",
			"a-b.c-d.example", "xn--bcher-kva.example", "::1", "::", "2001:db8::1", "2001:DB8:0:0:0:0:0:1",
			"[2001:db8::1]", "::ffff:192.0.2.1", "fe80::1:2:3:4:5:6", "1:2:3:4:5:6:7:8" })
	void nodeHostProblem_validHost_none(String host) {
		assertThat(HostRules.nodeHostProblem(host)).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "http://a.example|must not contain a scheme (such as http://)",
			"a.example/x|must not contain a path", "a .example|must not contain whitespace",
			"a.example:80|must not contain a port (use the port field)",
			"[::1]:80|must not contain a port (use the port field)", "1:2:3:4:5:6:7:8:9|is not a valid IPv6 address",
			"1::2::3|is not a valid IPv6 address", ":::|is not a valid IPv6 address",
			"12345::1|is not a valid IPv6 address", "[::1|is not a valid IPv6 address",
			"256.1.1.1|is not a valid IPv4 address", "1.2.3|is not a valid IPv4 address",
			"01.2.3.4|is not a valid IPv4 address", "::ffff:300.0.0.1|is not a valid IPv6 address",
			"-a.example|must be a valid DNS name (labels of 1 to 63 letters, digits or '-', at most 253 characters)",
			"a_b.example|must be a valid DNS name (labels of 1 to 63 letters, digits or '-', at most 253 characters)",
			"a..example|must be a valid DNS name (labels of 1 to 63 letters, digits or '-', at most 253 characters)",
			"#{x}|must not contain '#{'" })
	void nodeHostProblem_invalidHost_explains(String host, String message) {
		assertThat(HostRules.nodeHostProblem(host)).isEqualTo(message);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "[2001:DB8::1]|2001:db8::1", "::1|::1", "HttpBin.Org|httpbin.org" })
	void normalizeNodeHost_lowerCaseWithoutBrackets(String host, String normalized) {
		assertThat(HostRules.normalizeNodeHost(host)).isEqualTo(normalized);
	}

	@ParameterizedTest
	@ValueSource(strings = { "api.example.com", "*.example.com", "API.Example.COM", "localhost" })
	void requestHostProblem_validHost_none(String host) {
		assertThat(HostRules.requestHostProblem(host)).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "*|may contain '*' only as a whole first label, such as *.example.com",
			"*example.com|may contain '*' only as a whole first label, such as *.example.com",
			"a.*.com|may contain '*' only as a whole first label, such as *.example.com",
			"api.example.com:443|must be a host name without a port",
			"api.example.com.|must be a valid DNS name (labels of 1 to 63 letters, digits or '-', at most 253 characters)",
			"''|must not be empty", "[::1]|must be a host name without a port" })
	void requestHostProblem_invalidHost_explains(String host, String message) {
		assertThat(HostRules.requestHostProblem(host)).isEqualTo(message);
	}

	@ParameterizedTest
	@ValueSource(strings = { "httpbin.org", "httpbin.org:8080", "10.0.0.1:1", "[::1]", "[::1]:65535" })
	void hostHeaderProblem_validValue_none(String value) {
		assertThat(HostRules.hostHeaderProblem(value)).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "::1|must put an IPv6 address in brackets, such as [::1]:8080",
					"httpbin.org:0|must have a port between 1 and 65535",
					"httpbin.org:65536|must have a port between 1 and 65535",
					"httpbin.org:|must have a port between 1 and 65535", "[::1]x|must be a host or host:port",
					"a:b|must have a port between 1 and 65535" })
	void hostHeaderProblem_invalidValue_explains(String value, String message) {
		assertThat(HostRules.hostHeaderProblem(value)).isEqualTo(message);
	}

}

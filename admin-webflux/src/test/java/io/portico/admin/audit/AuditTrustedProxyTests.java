package io.portico.admin.audit;

import java.util.List;
import java.util.Map;

import io.portico.admin.AdminHttpTest;
import io.portico.admin.AdminUsers;
import io.portico.testsupport.PostgresTestSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static io.portico.admin.AdminApi.okBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the test client's loopback address configured as a trusted proxy, the audit log
 * records the client named by {@code X-Forwarded-For}: the nearest hop that is not a
 * trusted proxy, never an address further left that the client itself wrote.
 */
@AdminHttpTest(properties = "portico.admin.audit.trusted-proxies=127.0.0.1/32,::1/128")
class AuditTrustedProxyTests {

	static final PostgresTestSchema schema = PostgresTestSchema.create("adminproxy");

	@Autowired
	WebTestClient client;

	@Test
	void forwardedFor_fromATrustedProxy_isTheRecordedSourceAddress() {
		assertThat(sourceIpOfCreate("proxy-one", "203.0.113.7")).isEqualTo("203.0.113.7");
	}

	@Test
	void forwardedFor_addressesLeftOfTheFirstUntrustedHop_areIgnored() {
		assertThat(sourceIpOfCreate("proxy-spoofed", "198.51.100.9, 203.0.113.8")).isEqualTo("203.0.113.8");
		assertThat(sourceIpOfCreate("proxy-chain", "203.0.113.9, 127.0.0.1")).isEqualTo("203.0.113.9");
	}

	@Test
	void failedSignIn_behindATrustedProxy_recordsTheClientAddress() {
		AdminUsers.anonymous(this.client)
			.post()
			.uri("/api/login")
			.header("X-Forwarded-For", "203.0.113.10")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"username\": \"proxy-nobody\", \"password\": \"not-the-password\"}")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		assertThat(only("username", "proxy-nobody").get("source_ip")).isEqualTo("203.0.113.10");
	}

	private String sourceIpOfCreate(String templateId, String forwardedFor) {
		this.client.post()
			.uri("/api/services/template")
			.header("X-Forwarded-For", forwardedFor)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"id\": \"" + templateId + "\", \"name\": \"" + templateId + "\"}")
			.exchange()
			.expectStatus()
			.isCreated();
		return (String) only("resource_id", templateId).get("source_ip");
	}

	private Map<String, Object> only(String filter, String value) {
		Map<String, Object> body = AdminUsers.json(okBody(this.client.get()
			.uri((uri) -> uri.path("/api/audit_logs").queryParam(filter, value).build())
			.exchange()));
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> entries = (List<Map<String, Object>>) body.get("list");
		assertThat(entries).hasSize(1);
		return entries.get(0);
	}

}

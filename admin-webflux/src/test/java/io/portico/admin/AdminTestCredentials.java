package io.portico.admin;

import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Sends the bootstrap super admin's token with every request of the test client, so that
 * tests of features other than security need not repeat it. Security tests remove the
 * header ({@code mutate().defaultHeaders(h -> h.remove("X-API-KEY"))}).
 */
@Component
public class AdminTestCredentials implements WebTestClientBuilderCustomizer {

	@Override
	public void customize(WebTestClient.Builder builder) {
		builder.defaultHeader("X-API-KEY", AdminTestDatabase.ADMIN_TOKEN);
	}

}

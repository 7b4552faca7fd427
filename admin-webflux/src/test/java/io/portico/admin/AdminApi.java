package io.portico.admin;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API as the test client calls it: JSON requests in one call each, and the RFC
 * 9457 problem every refusal answers with. {@link AdminHttpTest} makes it a bean.
 */
public class AdminApi {

	private final WebTestClient client;

	/**
	 * Wraps the test's client.
	 * @param client the client, which sends the bootstrap super admin's token
	 */
	public AdminApi(WebTestClient client) {
		this.client = client;
	}

	/**
	 * Sends {@code GET}.
	 * @param uri the path
	 * @return the response
	 */
	public WebTestClient.ResponseSpec get(String uri) {
		return this.client.get().uri(uri).exchange();
	}

	/**
	 * Sends {@code DELETE}.
	 * @param uri the path
	 * @return the response
	 */
	public WebTestClient.ResponseSpec delete(String uri) {
		return this.client.delete().uri(uri).exchange();
	}

	/**
	 * Sends {@code POST} with a JSON body.
	 * @param uri the path
	 * @param body JSON text, or a value to write as JSON
	 * @return the response
	 */
	public WebTestClient.ResponseSpec post(String uri, Object body) {
		return this.client.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	/**
	 * Sends {@code PUT} with a JSON body.
	 * @param uri the path
	 * @param body JSON text, or a value to write as JSON
	 * @return the response
	 */
	public WebTestClient.ResponseSpec put(String uri, Object body) {
		return this.client.put().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	/**
	 * Sends {@code PATCH} with a JSON body.
	 * @param uri the path
	 * @param body JSON text, or a value to write as JSON
	 * @return the response
	 */
	public WebTestClient.ResponseSpec patch(String uri, Object body) {
		return this.client.patch().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	/**
	 * Expects a problem: the status and the {@code application/problem+json} type.
	 * @param response the response
	 * @param status the expected status
	 * @return the body, for assertions on the problem's fields
	 */
	public static WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, int status) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody();
	}

	/**
	 * Expects the 409 that points at a canary: what would switch a service between nodes
	 * and discovery (or take its registry away) is refused on {@code field}, with a
	 * detail that names the canary as the way.
	 * @param response the response
	 * @param field the field the error names
	 * @param alsoMentions more text the detail contains
	 */
	public static void refusedForCanary(WebTestClient.ResponseSpec response, String field, String... alsoMentions) {
		problem(response, 409).jsonPath("$.errors[0].field").isEqualTo(field).jsonPath("$.detail").value((detail) -> {
			assertThat(detail.toString()).contains("canary");
			for (String mention : alsoMentions) {
				assertThat(detail.toString()).contains(mention);
			}
		});
	}

	/**
	 * Expects a problem, as {@link #problem}, and reads it as text.
	 * @param response the response
	 * @param status the expected status
	 * @return the body as text
	 */
	public static WebTestClient.BodySpec<String, ?> problemText(WebTestClient.ResponseSpec response, int status) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class);
	}

	/**
	 * Expects 200 and reads the body.
	 * @param response the response
	 * @return the body's bytes
	 */
	public static byte[] okBody(WebTestClient.ResponseSpec response) {
		return response.expectStatus().isOk().expectBody().returnResult().getResponseBody();
	}

}

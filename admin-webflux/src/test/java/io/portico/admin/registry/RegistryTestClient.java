package io.portico.admin.registry;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the registry endpoints of a test's admin and waits, with a deadline, for a
 * connection to reach a state.
 */
public final class RegistryTestClient {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private final WebTestClient client;

	/**
	 * Wraps a client.
	 * @param client the admin's client
	 */
	public RegistryTestClient(WebTestClient client) {
		this.client = client;
	}

	/**
	 * Creates a connection and expects 201.
	 * @param group the group
	 * @param json the request body
	 * @return the response body
	 */
	public Map<String, Object> create(String group, String json) {
		return this.client.post()
			.uri("/api/gateway_groups/{gg}/service_registries", group)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(MAP)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * Reads a connection and expects 200.
	 * @param group the group
	 * @param id the connection
	 * @return the response body
	 */
	public Map<String, Object> get(String group, String id) {
		return getOk("/api/gateway_groups/{gg}/service_registries/{id}", group, id);
	}

	/**
	 * Reads a connection until its status is the given one.
	 * @param group the group
	 * @param id the connection
	 * @param status the awaited status
	 * @return the response body with that status
	 */
	public Map<String, Object> awaitStatus(String group, String id, String status) {
		return await(group, id, (body) -> status.equals(body.get("status")), "status " + status);
	}

	/**
	 * Reads a connection until it matches.
	 * @param group the group
	 * @param id the connection
	 * @param condition the awaited state
	 * @param what the state, for the failure message
	 * @return the matching response body
	 */
	public Map<String, Object> await(String group, String id, Predicate<Map<String, Object>> condition, String what) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		Map<String, Object> body = get(group, id);
		while (!condition.test(body) && System.nanoTime() < deadline) {
			pause();
			body = get(group, id);
		}
		assertThat(condition.test(body)).as("service registry %s reaches %s; last seen %s", id, what, body).isTrue();
		return body;
	}

	/**
	 * Reads a page of a connection's checks.
	 * @param group the group
	 * @param id the connection
	 * @param pageSize the page size
	 * @return the response body
	 */
	public Map<String, Object> checks(String group, String id, int pageSize) {
		return getOk("/api/gateway_groups/{gg}/service_registries/{id}/checks?page_size={size}", group, id, pageSize);
	}

	private Map<String, Object> getOk(String uri, Object... uriVariables) {
		return this.client.get()
			.uri(uri, uriVariables)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(MAP)
			.returnResult()
			.getResponseBody();
	}

	static void pause() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

package io.portico.admin;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users, role grants and API tokens created over the admin API by the bootstrap super
 * admin, and test clients that call as another user or as nobody.
 *
 * <p>
 * Example: <pre>
 * AdminUsers users = new AdminUsers(client);
 * String id = users.create("pat", null, "publisher@test");
 * WebTestClient pat = AdminUsers.as(client, users.token(id, "{\"name\": \"t\"}").value());
 * </pre>
 */
public final class AdminUsers {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
	};

	private final WebTestClient admin;

	/**
	 * Wraps the test's client, which sends the bootstrap super admin's token.
	 * @param admin the client
	 */
	public AdminUsers(WebTestClient admin) {
		this.admin = admin;
	}

	/**
	 * Creates a user with roles.
	 * @param username the name
	 * @param password a password, or {@code null} for a token-only user
	 * @param roles such as {@code publisher@test} or {@code editor}
	 * @return the user's id
	 */
	public String create(String username, String password, String... roles) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("username", username);
		if (password != null) {
			request.put("password", password);
		}
		Map<String, Object> user = created(request, "/api/users");
		String id = (String) user.get("id");
		for (String role : roles) {
			grant(id, role);
		}
		return id;
	}

	/**
	 * Grants a role.
	 * @param userId the user
	 * @param role such as {@code viewer@test} or {@code super_admin}
	 * @return the grant's id
	 */
	public String grant(String userId, String role) {
		String[] parts = role.split("@", 2);
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("role", parts[0]);
		if (parts.length > 1) {
			request.put("gateway_group_id", parts[1]);
		}
		Map<String, Object> grant = created(request, "/api/users/{id}/roles", userId);
		return (String) grant.get("id");
	}

	/**
	 * Creates an API token for a user, as super admin.
	 * @param userId the user
	 * @param json the request body, such as {@code {"name": "ci"}}
	 * @return the token
	 */
	public Token token(String userId, String json) {
		Map<String, Object> created = created(json, "/api/users/{id}/tokens", userId);
		String token = (String) created.get("token");
		assertThat(token).as("the token is in the answer to its creation").isNotBlank();
		return new Token((String) created.get("id"), token);
	}

	/**
	 * Creates a user with roles and an API token.
	 * @param username the name
	 * @param roles the roles
	 * @return the user's id and token
	 */
	public Member member(String username, String... roles) {
		String id = create(username, null, roles);
		return new Member(id, token(id, "{\"name\": \"" + username + "-token\"}"));
	}

	private Map<String, Object> created(Object body, String uri, Object... uriVariables) {
		return json(this.admin.post()
			.uri(uri, uriVariables)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	/**
	 * A client that sends another token instead of the super admin's.
	 * @param client the test's client
	 * @param token the token
	 * @return the client
	 */
	public static WebTestClient as(WebTestClient client, String token) {
		return client.mutate().defaultHeaders((headers) -> headers.set("X-API-KEY", token)).build();
	}

	/**
	 * A client that sends no credentials.
	 * @param client the test's client
	 * @return the client
	 */
	public static WebTestClient anonymous(WebTestClient client) {
		return client.mutate().defaultHeaders((headers) -> headers.remove("X-API-KEY")).build();
	}

	/**
	 * A client that sends the token as {@code Authorization: Bearer}.
	 * @param client the test's client
	 * @param token the token
	 * @return the client
	 */
	public static WebTestClient bearer(WebTestClient client, String token) {
		return client.mutate().defaultHeaders((headers) -> {
			headers.remove("X-API-KEY");
			headers.setBearerAuth(token);
		}).build();
	}

	/**
	 * Parses a JSON object.
	 * @param body the bytes
	 * @return the object
	 */
	public static Map<String, Object> json(byte[] body) {
		assertThat(body).as("a response body").isNotNull();
		return JSON.readValue(new String(body, StandardCharsets.UTF_8), MAP);
	}

	/**
	 * Parses a JSON array of objects.
	 * @param body the text
	 * @return the objects
	 */
	public static List<Map<String, Object>> jsonList(String body) {
		return JSON.readValue(body, LIST);
	}

	/**
	 * An API token just created.
	 *
	 * @param id its id
	 * @param value the token, shown once
	 */
	public record Token(String id, String value) {

	}

	/**
	 * A user with a token.
	 *
	 * @param id the user's id
	 * @param token the token
	 */
	public record Member(String id, Token token) {

	}

}

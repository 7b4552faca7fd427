package io.portico.e2e.ui;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP for the dashboard tests: the admin API as its bootstrap super admin (to set
 * up what a test does not click through, and to read back), and the gateway as a client
 * would call it.
 */
final class Http {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final String base;

	private final Map<String, String> headers;

	Http(String base, Map<String, String> headers) {
		this.base = base;
		this.headers = Map.copyOf(headers);
	}

	/** The admin API with the bootstrap token. */
	static Http admin(String base, String token) {
		return new Http(base, Map.of("X-API-KEY", token));
	}

	Response get(String path) {
		return send("GET", path, null, Map.of());
	}

	Response get(String path, Map<String, String> extraHeaders) {
		return send("GET", path, null, extraHeaders);
	}

	Response post(String path, String json) {
		return send("POST", path, json, Map.of());
	}

	Response put(String path, String json) {
		return send("PUT", path, json, Map.of());
	}

	/** Sends a request; fails the test on a network error. */
	Response send(String method, String path, String json, Map<String, String> extraHeaders) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			builder.header("Content-Type", "application/json");
		}
		this.headers.forEach(builder::header);
		extraHeaders.forEach(builder::header);
		try {
			HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("X-Echo-Server").orElse(""),
					response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A response: status, the echo upstream that answered (if one did) and the body.
	 */
	record Response(int status, String echoServer, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}

package io.portico.e2e;

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
 * A small JSON-over-HTTP client for the end-to-end tests, like curl in the tutorial.
 */
final class HttpJson {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final String base;

	private final Map<String, String> defaultHeaders;

	HttpJson(int port) {
		this(port, Map.of());
	}

	/** A client that sends some headers (the admin token) with every request. */
	HttpJson(int port, Map<String, String> defaultHeaders) {
		this.base = "http://127.0.0.1:" + port;
		this.defaultHeaders = Map.copyOf(defaultHeaders);
	}

	/** A client for the admin that sends its API token as {@code X-API-KEY}. */
	static HttpJson admin(int port, String token) {
		return new HttpJson(port, Map.of("X-API-KEY", token));
	}

	Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET(), Map.of());
	}

	Response get(String path, Map<String, String> headers) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET(), headers);
	}

	Response post(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)), Map.of());
	}

	Response post(String path, String body, String contentType) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body)), Map.of());
	}

	Response delete(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).DELETE(), Map.of());
	}

	Response put(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)), Map.of());
	}

	/** Any method, with a JSON body for methods that take one. */
	Response send(String method, String path, String json) {
		HttpRequest.BodyPublisher body = (method.equals("GET") || method.equals("DELETE") || method.equals("HEAD"))
				? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.method(method, body), Map.of());
	}

	private Response send(HttpRequest.Builder builder, Map<String, String> headers) {
		this.defaultHeaders.forEach(builder::header);
		headers.forEach(builder::header);
		try {
			HttpResponse<String> response = CLIENT.send(builder.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("X-Echo-Server").orElse(""), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("HTTP request failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A response with its body as text.
	 */
	record Response(int status, String contentType, String echoServer, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}

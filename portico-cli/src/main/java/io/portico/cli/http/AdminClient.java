package io.portico.cli.http;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Calls the admin API. The token goes in the {@code X-API-KEY} header and is never
 * printed: neither requests nor their headers are logged. Example: <pre>
 * ApiResponse response = new AdminClient(URI.create("http://127.0.0.1:9180"), token, Duration.ofSeconds(30))
 *     .get("/api/me", List.of());
 * </pre>
 */
public final class AdminClient {

	private final String server;

	private final String token;

	private final Duration timeout;

	private final HttpClient http;

	/**
	 * Creates a client.
	 * @param server the admin's base URL
	 * @param token the API token, or {@code null} to send none
	 * @param timeout the connect and request timeout
	 */
	public AdminClient(URI server, String token, Duration timeout) {
		String base = server.toString();
		this.server = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		this.token = token;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	/**
	 * Sends a GET.
	 * @param path the path, such as {@code /api/me}
	 * @param query the query parameters, in order (a name may repeat)
	 * @return the response
	 * @throws IOException when the admin cannot be reached
	 */
	public ApiResponse get(String path, List<Map.Entry<String, String>> query) throws IOException {
		return send(request(path, query).GET());
	}

	/**
	 * Sends a POST with a JSON body.
	 * @param path the path
	 * @param query the query parameters, in order
	 * @param json the body
	 * @return the response
	 * @throws IOException when the admin cannot be reached
	 */
	public ApiResponse post(String path, List<Map.Entry<String, String>> query, String json) throws IOException {
		return send(request(path, query).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
	}

	private HttpRequest.Builder request(String path, List<Map.Entry<String, String>> query) {
		StringJoiner joiner = new StringJoiner("&", "?", "").setEmptyValue("");
		for (Map.Entry<String, String> parameter : query) {
			joiner.add(encode(parameter.getKey()) + "=" + encode(parameter.getValue()));
		}
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.server + path + joiner))
			.timeout(this.timeout)
			.header("Accept", "application/json, application/problem+json");
		if (this.token != null && !this.token.isEmpty()) {
			builder.header("X-API-KEY", this.token);
		}
		return builder;
	}

	private ApiResponse send(HttpRequest.Builder builder) throws IOException {
		try {
			HttpResponse<String> response = this.http.send(builder.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new ApiResponse(response.statusCode(), response.body());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}

package io.portico.echo;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-process, httpbin-compatible echo server on Reactor Netty.
 *
 * <p>
 * Every path answers like httpbin's {@code /anything}: a JSON echo of the request
 * ({@code args}, {@code data}, {@code files}, {@code form}, {@code headers},
 * {@code json}, {@code method}, {@code origin}, {@code url}), with the response header
 * {@code X-Echo-Server} naming this server so that tests can tell upstream nodes apart.
 * {@code /status/{code}} answers that status and {@code /delay/{seconds}} echoes after a
 * pause (at most 10 s), as httpbin does. Example: <pre>
 * try (EchoServer echo = EchoServer.start("127.0.0.1", 0, "node-a")) {
 *     // send requests to 127.0.0.1:echo.port()
 * }
 * </pre>
 */
public final class EchoServer implements AutoCloseable {

	/** The response header that names the server which answered. */
	public static final String SERVER_HEADER = "X-Echo-Server";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_DELAY_SECONDS = 10;

	private final DisposableServer server;

	private final String name;

	private EchoServer(DisposableServer server, String name) {
		this.server = server;
		this.name = name;
	}

	/**
	 * Starts a server and waits until it is bound.
	 * @param host the address to bind, such as {@code 127.0.0.1}
	 * @param port the port, or 0 for a free one
	 * @param name the value of the {@code X-Echo-Server} response header
	 * @return the running server
	 */
	public static EchoServer start(String host, int port, String name) {
		DisposableServer server = HttpServer.create()
			.host(host)
			.port(port)
			.handle((request, response) -> handle(request, response, name))
			.bindNow(Duration.ofSeconds(10));
		return new EchoServer(server, name);
	}

	/**
	 * The bound port.
	 * @return the port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * The server's name, sent as {@code X-Echo-Server}.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
	}

	/**
	 * Runs a server until the process is stopped:
	 * {@code --host=127.0.0.1 --port=8080 --name=echo}.
	 * @param args the options
	 */
	public static void main(String[] args) {
		Map<String, String> options = new TreeMap<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			options.put(pair[0], (pair.length > 1) ? pair[1] : "");
		}
		EchoServer echo = start(options.getOrDefault("host", "127.0.0.1"),
				Integer.parseInt(options.getOrDefault("port", "8080")), options.getOrDefault("name", "echo"));
		echo.server.onDispose().block();
	}

	private static Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response, String name) {
		response.header(SERVER_HEADER, name);
		String path = request.fullPath();
		if (path.startsWith("/status/")) {
			return status(path.substring("/status/".length()), response);
		}
		Duration delay = Duration.ZERO;
		if (path.startsWith("/delay/")) {
			delay = Duration.ofSeconds(Math.min(MAX_DELAY_SECONDS, parseOr(path.substring(7), 0)));
		}
		Duration pause = delay;
		return request.receive()
			.aggregate()
			.asString(StandardCharsets.UTF_8)
			.defaultIfEmpty("")
			.delayElement(pause)
			.flatMap((body) -> {
				byte[] json = JSON.writeValueAsBytes(echo(request, body));
				return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.sendByteArray(Mono.just(json))
					.then();
			});
	}

	private static Publisher<Void> status(String code, HttpServerResponse response) {
		int status = parseOr(code, 400);
		if (status < 100 || status > 599) {
			status = 400;
		}
		return response.status(HttpResponseStatus.valueOf(status)).send();
	}

	private static ObjectNode echo(HttpServerRequest request, String body) {
		ObjectNode root = JSON.createObjectNode();
		ObjectNode args = root.putObject("args");
		QueryString.parse(request.uri()).forEach((key, values) -> {
			if (values.size() == 1) {
				args.put(key, values.get(0));
			}
			else {
				values.forEach(args.withArray(key)::add);
			}
		});
		String contentType = headerOr(request, "Content-Type", "");
		boolean form = contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
		root.put("data", form ? "" : body);
		root.putObject("files");
		ObjectNode formNode = root.putObject("form");
		if (form) {
			QueryString.parse("?" + body).forEach((key, values) -> formNode.put(key, String.join(",", values)));
		}
		ObjectNode headers = root.putObject("headers");
		Map<String, String> sorted = new TreeMap<>();
		request.requestHeaders()
			.forEach((entry) -> sorted.merge(canonical(entry.getKey()), entry.getValue(), (a, b) -> a + "," + b));
		sorted.forEach(headers::put);
		root.set("json", parseJson(body));
		root.put("method", request.method().name());
		root.put("origin", origin(request));
		String scheme = headerOr(request, "X-Forwarded-Proto", request.scheme());
		root.put("url", scheme + "://" + headerOr(request, "Host", "localhost") + request.uri());
		return root;
	}

	private static JsonNode parseJson(String body) {
		if (body.isBlank()) {
			return JSON.nullNode();
		}
		try {
			return JSON.readTree(body);
		}
		catch (RuntimeException ex) {
			// httpbin reports a body that is not JSON as "json": null
			return JSON.nullNode();
		}
	}

	private static String origin(HttpServerRequest request) {
		String forwarded = request.requestHeaders().get("X-Forwarded-For");
		if (forwarded != null && !forwarded.isBlank()) {
			return forwarded;
		}
		InetSocketAddress remote = request.remoteAddress();
		return (remote != null) ? remote.getAddress().getHostAddress() : "";
	}

	private static String headerOr(HttpServerRequest request, String name, String fallback) {
		String value = request.requestHeaders().get(name);
		return (value != null) ? value : fallback;
	}

	private static String canonical(String header) {
		StringBuilder out = new StringBuilder(header.length());
		boolean upper = true;
		for (char c : header.toCharArray()) {
			out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
			upper = (c == '-');
		}
		return out.toString();
	}

	private static int parseOr(String text, int fallback) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

}

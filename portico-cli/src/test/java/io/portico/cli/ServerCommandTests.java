package io.portico.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerCommandTests {

	private static final String FILE = "src/test/resources/adc/labels.yaml";

	private static final String PLAN = """
			{"gateway_group_id": "default", "config_revision": 7, "changes": [%s], "summary": {"create": %d}}
			""";

	private static final String CREATE = """
			{"action": "create", "resource": "service_template", "service": "httpbin-service"}""";

	private HttpServer server;

	private final AtomicReference<Recorded> last = new AtomicReference<>();

	private volatile int status = 200;

	private volatile String body = "{}";

	private Map<String, String> env;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
		this.env = Map.of("PORTICO_SERVER", "http://127.0.0.1:" + this.server.getAddress().getPort(), "PORTICO_TOKEN",
				"secret-token");
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String query = exchange.getRequestURI().getRawQuery();
		this.last.set(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
				(query != null) ? URLDecoder.decode(query, StandardCharsets.UTF_8) : "",
				exchange.getRequestHeaders().getFirst("X-API-KEY"), requestBody));
		byte[] bytes = this.body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders()
			.add("Content-Type", (this.status >= 400) ? "application/problem+json" : "application/json");
		exchange.sendResponseHeaders(this.status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private void answer(int status, String body) {
		this.status = status;
		this.body = body;
	}

	@Test
	void pingPrintsTheUser() {
		answer(200, "{\"username\": \"alice\", \"role\": \"admin\"}");
		CliRun run = CliRun.run(this.env, "ping");
		assertThat(run.code()).isZero();
		assertThat(run.out()).contains("as alice.");
		assertThat(this.last.get().path()).isEqualTo("/api/me");
		assertThat(this.last.get().apiKey()).isEqualTo("secret-token");
	}

	@Test
	void pingWithoutAValidTokenExitsWithOne() {
		answer(401, "{\"title\": \"Unauthorized\", \"status\": 401, \"detail\": \"a valid API token is required\"}");
		CliRun run = CliRun.run(this.env, "ping", "--token", "other");
		assertThat(run.code()).isEqualTo(1);
		assertThat(run.err()).contains("HTTP 401: a valid API token is required").doesNotContain("other");
		assertThat(this.last.get().apiKey()).isEqualTo("other");
	}

	@Test
	void validatePostsTheMergedFileAsJson() {
		answer(200, "{}");
		CliRun run = CliRun.run(this.env, "validate", "-f", FILE, "--gateway-group", "g1");
		assertThat(run.code()).as(run.err()).isZero();
		Recorded request = this.last.get();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/api/declarative/validate");
		assertThat(request.query()).isEqualTo("gateway_group_id=g1");
		assertThat(request.body()).contains("\"name\":\"httpbin-service\"")
			.contains("\"uris\":[\"/ip\"]")
			.contains("\"strip_path_prefix\":true");
	}

	@Test
	void badRequestExitsWithTwoAndNamesTheFieldsInTheFile() {
		answer(400, """
				{"detail": "the file is invalid", "errors": [{"field": "services[0].upstream.nodes[0].port",
				"message": "must be between 1 and 65535"}]}""");
		CliRun run = CliRun.run(this.env, "validate", "-f", FILE);
		assertThat(run.code()).isEqualTo(2);
		assertThat(run.err()).contains("HTTP 400: the file is invalid")
			.contains(FILE + ": services[0].upstream.nodes[0].port: must be between 1 and 65535");
	}

	@Test
	void conflictExitsWithThree() {
		answer(409, "{\"detail\": \"version 1.0.0 of httpbin-service is published with other routes\"}");
		CliRun run = CliRun.run(this.env, "sync", "-f", FILE, "--plan-revision", "7");
		assertThat(run.code()).isEqualTo(3);
		assertThat(run.err()).contains("HTTP 409: version 1.0.0");
		assertThat(this.last.get().query()).contains("plan_revision=7").contains("dry_run=false");
	}

	@Test
	void diffPrintsAPlanAndExitCodeSignalsChanges() {
		answer(200, PLAN.formatted(CREATE, 1));
		CliRun run = CliRun.run(this.env, "diff", "-f", FILE, "--label-selector", "team=a", "--delete",
				"--exclude-resource-type", "runtime", "--exit-code");
		assertThat(run.code()).isEqualTo(1);
		assertThat(run.out()).contains("Plan for gateway group default (config revision 7):")
			.contains("+ would create service_template httpbin-service")
			.doesNotContain("\u001b[");
		assertThat(this.last.get().path()).isEqualTo("/api/declarative/diff");
		assertThat(this.last.get().query())
			.isEqualTo("gateway_group_id=default&label_selector=team=a&exclude_resource_type=runtime&delete=true");
	}

	@Test
	void diffWithoutChangesExitsWithZero() {
		answer(200, PLAN.formatted(
				"{\"action\": \"not_in_file\", \"resource\": \"service_template\"," + " \"service\": \"legacy\"}", 0));
		CliRun run = CliRun.run(this.env, "diff", "-f", FILE, "--exit-code");
		assertThat(run.code()).isZero();
		assertThat(run.out()).contains("not in the file, left alone: service_template legacy");
	}

	@Test
	void serviceOutsideTheLabelSelectorIsRefusedLocally() {
		CliRun run = CliRun.run(this.env, "diff", "-f", FILE, "--label-selector", "team=b");
		assertThat(run.code()).isEqualTo(2);
		assertThat(run.err()).contains("services[0].labels: service 'httpbin-service' does not match");
		assertThat(this.last.get()).isNull();
	}

	@Test
	void syncDryRunPrintsWouldAndAppliedSyncPrintsPastTense() {
		answer(200, PLAN.formatted(CREATE, 1).replace("\"summary\"", "\"applied\": false, \"summary\""));
		CliRun dry = CliRun.run(this.env, "sync", "-f", FILE, "--dry-run");
		assertThat(dry.out()).contains("would create service_template httpbin-service");
		assertThat(this.last.get().query()).contains("dry_run=true");
		answer(200, PLAN.formatted(CREATE, 1).replace("\"summary\"", "\"applied\": true, \"summary\""));
		CliRun applied = CliRun.run(this.env, "sync", "-f", FILE);
		assertThat(applied.code()).isZero();
		assertThat(applied.out()).contains("Applied to gateway group default").contains("+ created service_template");
	}

	@Test
	void dumpWritesYaml(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
		answer(200, "{\"services\": [{\"name\": \"s\", \"version\": \"1.0.0\", \"routes\": [{\"name\": \"r\","
				+ " \"uris\": [\"/a\"]}]}]}");
		java.nio.file.Path out = dir.resolve("dump.yaml");
		CliRun run = CliRun.run(this.env, "dump", "-o", out.toString(), "--label-selector", "team=a");
		assertThat(run.code()).as(run.err()).isZero();
		assertThat(java.nio.file.Files.readString(out)).contains("- name: s").contains("version: 1.0.0");
		assertThat(this.last.get().query()).isEqualTo("gateway_group_id=default&label_selector=team=a");
	}

	@Test
	void connectionRefusedExitsWithOne() {
		this.server.stop(0);
		CliRun run = CliRun.run(this.env, "ping", "--timeout", "5");
		assertThat(run.code()).isEqualTo(1);
		assertThat(run.err()).startsWith("Error: ").doesNotContain("secret-token");
	}

	@Test
	void serverErrorExitsWithOne() {
		answer(500, "oops");
		CliRun run = CliRun.run(this.env, "validate", "-f", FILE);
		assertThat(run.code()).isEqualTo(1);
		assertThat(run.err()).contains("HTTP 500");
	}

	record Recorded(String method, String path, String query, String apiKey, String body) {

	}

}

package io.portico.echo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class EchoServerTests {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static EchoServer echo;

	@BeforeAll
	static void start() {
		echo = EchoServer.start("127.0.0.1", 0, "node-a");
	}

	@AfterAll
	static void stop() {
		echo.close();
	}

	@Test
	void anyPath_echoesRequestLikeHttpbinAnything() throws Exception {
		HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri("/anything/publish?a=1&b=2&b=3"))
			.header("X-Forwarded-Host", "localhost")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());

		JsonNode body = JSON.readTree(response.body());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue(EchoServer.SERVER_HEADER)).contains("node-a");
		assertThat(body.get("method").asString()).isEqualTo("GET");
		assertThat(body.get("args").get("a").asString()).isEqualTo("1");
		assertThat(body.get("args").get("b")).hasSize(2);
		assertThat(body.get("headers").get("X-Forwarded-Host").asString()).isEqualTo("localhost");
		assertThat(body.get("url").asString())
			.isEqualTo("http://127.0.0.1:" + echo.port() + "/anything/publish?a=1&b=2&b=3");
		assertThat(body.get("origin").asString()).isEqualTo("127.0.0.1");
		assertThat(body.get("json").isNull()).isTrue();
		assertThat(body.has("files")).isTrue();
		assertThat(body.has("form")).isTrue();
	}

	@Test
	void jsonBody_isEchoedAsDataAndJson() throws Exception {
		HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri("/post"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"k\":\"v\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());

		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("method").asString()).isEqualTo("POST");
		assertThat(body.get("data").asString()).isEqualTo("{\"k\":\"v\"}");
		assertThat(body.get("json").get("k").asString()).isEqualTo("v");
	}

	@Test
	void statusPath_answersThatStatus() throws Exception {
		HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri("/status/503")).GET().build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(503);
	}

	@Test
	void forwardedHeaders_shapeOriginAndUrl() throws Exception {
		HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri("/anything"))
			.header("X-Forwarded-For", "10.1.2.3")
			.header("X-Forwarded-Proto", "https")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());

		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("origin").asString()).isEqualTo("10.1.2.3");
		assertThat(body.get("url").asString()).startsWith("https://");
	}

	private static URI uri(String path) {
		return URI.create("http://127.0.0.1:" + echo.port() + path);
	}

}

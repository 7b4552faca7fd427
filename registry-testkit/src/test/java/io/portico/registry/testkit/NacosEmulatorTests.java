package io.portico.registry.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;

import com.alibaba.nacos.api.naming.NamingFactory;
import com.alibaba.nacos.api.naming.NamingService;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour of {@link NacosEmulator}: Nacos's documented HTTP Open API, and its gRPC
 * protocol as the official Java client speaks it.
 */
class NacosEmulatorTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@AutoClose
	private final NacosEmulator nacos = NacosEmulator.start();

	@Test
	void grpcPort_isHttpPortPlus1000() {
		assertThat(this.nacos.grpcPort()).isEqualTo(this.nacos.port() + 1000);
	}

	@Test
	void login_returnsTokenForRightPassword_and403Otherwise() throws Exception {
		this.nacos.requireLogin("nacos", "right");
		HttpResponse<String> ok = post("/nacos/v1/auth/login", "username=nacos&password=right");
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(ok.body()).contains("\"accessToken\":\"emulated-").contains("\"tokenTtl\":18000");
		HttpResponse<String> refused = post("/nacos/v1/auth/login", "username=nacos&password=wrong");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(get("/nacos/v1/ns/service/list?pageNo=1&pageSize=10").statusCode()).isEqualTo(403);
	}

	@Test
	void openApi_listsInstancesAndServices() throws Exception {
		this.nacos.register("web", "web-1", "10.0.0.1", 8080, 2.0);
		HttpResponse<String> instances = get("/nacos/v1/ns/instance/list?serviceName=web");
		assertThat(instances.statusCode()).isEqualTo(200);
		assertThat(instances.body()).contains("\"name\":\"DEFAULT_GROUP@@web\"")
			.contains("\"ip\":\"10.0.0.1\"")
			.contains("\"port\":8080")
			.contains("\"weight\":2.0");
		assertThat(get("/nacos/v1/ns/service/list?pageNo=1&pageSize=10").body())
			.isEqualTo("{\"count\":1,\"doms\":[\"web\"]}");
		assertThat(get("/nacos/v1/ns/operator/metrics").body()).contains("\"status\":\"UP\"");
	}

	@Test
	void grpc_instanceRegisteredByTheJavaClient_isListedAndGoesWithItsConnection() throws Exception {
		Properties properties = new Properties();
		properties.setProperty("serverAddr", this.nacos.address());
		properties.setProperty("namingLoadCacheAtStart", "false");
		properties.setProperty("JM.SNAPSHOT.PATH", System.getProperty("java.io.tmpdir") + "/portico-nacos-cache");
		NamingService naming = NamingFactory.createNamingService(properties);
		try {
			naming.registerInstance("portico-gateway", "10.0.0.9", 9080);
			assertThat(naming.getAllInstances("portico-gateway", false)).singleElement()
				.satisfies((instance) -> assertThat(instance.getIp()).isEqualTo("10.0.0.9"));
			assertThat(get("/nacos/v1/ns/instance/list?serviceName=portico-gateway").body()).contains("10.0.0.9");
		}
		finally {
			naming.shutDown();
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (get("/nacos/v1/ns/instance/list?serviceName=portico-gateway").body().contains("10.0.0.9")
				&& System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(get("/nacos/v1/ns/instance/list?serviceName=portico-gateway").body()).doesNotContain("10.0.0.9");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://" + this.nacos.address() + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://" + this.nacos.address() + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}

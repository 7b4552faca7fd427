package io.portico.registry.testkit;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link EurekaTestServer}: a real Eureka server that serves registrations at once, goes
 * away on stop, and leaves the test JVM's configuration and logging alone.
 */
class EurekaTestServerTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static EurekaTestServer eureka;

	@BeforeAll
	static void startServer() {
		// Also proves that src/test/resources/application.properties (an unbindable
		// address) was not read.
		eureka = EurekaTestServer.start();
	}

	@AfterAll
	static void stopServer() {
		eureka.close();
	}

	@Test
	void serviceUrl_isTheLoopbackEurekaPath() {
		assertThat(eureka.serviceUrl()).matches("http://127\\.0\\.0\\.1:[0-9]+/eureka/");
	}

	@Test
	void register_showsTheInstanceUpAtOnce_andDeregisterRemovesIt() throws Exception {
		eureka.register("shown", "shown-1", "127.0.0.5", 8085, Map.of("weight", "7"));
		HttpResponse<String> registered = get("apps/SHOWN");
		assertThat(registered.statusCode()).isEqualTo(200);
		assertThat(registered.body()).contains("\"instanceId\":\"shown-1\"")
			.contains("\"ipAddr\":\"127.0.0.5\"")
			.contains("\"status\":\"UP\"")
			.contains("\"$\":8085")
			.contains("\"weight\":\"7\"");
		eureka.deregister("shown", "shown-1");
		assertThat(get("apps/SHOWN").statusCode()).isEqualTo(404);
	}

	@Test
	void start_leavesTheTestJvmLoggingWorking() {
		Logger logger = (Logger) LoggerFactory.getLogger(EurekaTestServerTests.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try {
			EurekaTestServer.start().stop();
			logger.info("still logging");
			assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).contains("still logging");
		}
		finally {
			logger.detachAppender(appender);
		}
	}

	@Test
	void stop_makesTheServerRefuseConnections() throws Exception {
		EurekaTestServer stopped = EurekaTestServer.start();
		assertThat(HTTP
			.send(HttpRequest.newBuilder(URI.create(stopped.serviceUrl() + "apps")).build(),
					HttpResponse.BodyHandlers.ofString())
			.statusCode()).isEqualTo(200);
		stopped.stop();
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> HTTP.send(HttpRequest.newBuilder(URI.create(stopped.serviceUrl() + "apps")).build(),
					HttpResponse.BodyHandlers.ofString()));
	}

	private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create(eureka.serviceUrl() + path))
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}

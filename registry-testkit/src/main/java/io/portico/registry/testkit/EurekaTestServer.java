package io.portico.registry.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.netflix.eureka.EurekaClientAutoConfiguration;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;
import org.springframework.cloud.netflix.eureka.server.EurekaServerAutoConfiguration;
import org.springframework.cloud.netflix.eureka.server.EurekaServerJerseyClientAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Spring Cloud Netflix Eureka server, in-process on a random port, for tests.
 *
 * <p>
 * Its Spring context is sealed off from the test's: no component scanning, an explicit
 * list of auto-configurations, no {@code application.yml}, and it leaves the logging
 * system alone. Registrations go through Eureka's REST API and are served at once (no
 * read-only response cache). Example: <pre>
 * try (EurekaTestServer eureka = EurekaTestServer.start()) {
 *     eureka.register("httpbin", "httpbin-1", "127.0.0.1", 8080);
 *     // point a client at eureka.serviceUrl()
 * }
 * </pre>
 */
public final class EurekaTestServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	// A placeholder for "this server" in peer lists; never contacted.
	private static final String SELF = "http://127.0.0.1:1/eureka/";

	private static final Set<String> LOGGING_LISTENERS = Set.of(LoggingApplicationListener.class.getName(),
			"org.springframework.cloud.bootstrap.LoggingSystemShutdownListener");

	private static final List<String> ARGUMENTS = List.of(
			// No application.yml of the test's classpath applies.
			"--spring.config.name=portico-eureka-test-server", "--spring.application.name=eureka-test-server",
			"--server.port=0", "--server.address=127.0.0.1", "--spring.jmx.enabled=false",
			"--spring.cloud.discovery.enabled=true", "--spring.cloud.service-registry.auto-registration.enabled=false",
			"--spring.cloud.refresh.enabled=false", "--eureka.client.enabled=true",
			"--eureka.client.register-with-eureka=false", "--eureka.client.fetch-registry=false",
			// No peers: the only service URL is declared to be this server's own, so it
			// replicates to nobody (by default it would to localhost:8761).
			"--eureka.client.service-url.defaultZone=" + SELF, "--eureka.server.my-url=" + SELF,
			"--eureka.instance.hostname=127.0.0.1", "--eureka.dashboard.enabled=false",
			"--eureka.server.enable-self-preservation=false", "--eureka.server.use-read-only-response-cache=false",
			"--eureka.server.eviction-interval-timer-in-ms=1000", "--eureka.server.wait-time-in-ms-when-sync-empty=0",
			"--eureka.server.registry-sync-retries=0");

	private final ConfigurableApplicationContext context;

	private final String serviceUrl;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private EurekaTestServer(ConfigurableApplicationContext context) {
		this.context = context;
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		this.serviceUrl = "http://127.0.0.1:" + port + "/eureka/";
	}

	/**
	 * Starts a server on a random port of 127.0.0.1.
	 * @return the running server
	 */
	public static EurekaTestServer start() {
		SpringApplication application = new SpringApplicationBuilder(Server.class).web(WebApplicationType.SERVLET)
			.bannerMode(org.springframework.boot.Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.build();
		// Boot's logging listener would re-initialise (and on close shut down) the test
		// JVM's logging, and Spring Cloud's resets it unconditionally; other contexts and
		// log-capturing tests rely on it.
		List<ApplicationListener<?>> listeners = new ArrayList<>();
		application.getListeners()
			.stream()
			.filter((listener) -> !LOGGING_LISTENERS.contains(listener.getClass().getName()))
			.forEach(listeners::add);
		application.setListeners(listeners);
		// Command-line arguments outrank system properties and environment variables a
		// test JVM may set for its own application (eureka.client.enabled=false...).
		ConfigurableApplicationContext context = application.run(ARGUMENTS.toArray(new String[0]));
		return new EurekaTestServer(context);
	}

	/**
	 * The service URL clients use.
	 * @return {@code http://127.0.0.1:<port>/eureka/}
	 */
	public String serviceUrl() {
		return this.serviceUrl;
	}

	/**
	 * Registers an instance, status UP, through the REST API (with a lease long enough to
	 * outlive any test without heartbeats).
	 * @param app the application name (Eureka shows it upper case)
	 * @param instanceId the instance id
	 * @param host the host and IP address
	 * @param port the (non-secure) port
	 */
	public void register(String app, String instanceId, String host, int port) {
		register(app, instanceId, host, port, Map.of());
	}

	/**
	 * Registers an instance with metadata (for example {@code weight}), status UP.
	 * @param app the application name
	 * @param instanceId the instance id
	 * @param host the host and IP address
	 * @param port the (non-secure) port
	 * @param metadata the instance metadata
	 */
	public void register(String app, String instanceId, String host, int port, Map<String, String> metadata) {
		String name = app.toUpperCase(Locale.ROOT);
		Map<String, Object> instance = new LinkedHashMap<>();
		instance.put("instanceId", instanceId);
		instance.put("hostName", host);
		instance.put("app", name);
		instance.put("ipAddr", host);
		instance.put("status", "UP");
		instance.put("overriddenStatus", "UNKNOWN");
		instance.put("port", Map.of("$", port, "@enabled", "true"));
		instance.put("securePort", Map.of("$", 443, "@enabled", "false"));
		instance.put("countryId", 1);
		instance.put("dataCenterInfo",
				Map.of("@class", "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name", "MyOwn"));
		instance.put("leaseInfo", Map.of("renewalIntervalInSecs", 30, "durationInSecs", 3600));
		instance.put("metadata", metadata);
		instance.put("vipAddress", app.toLowerCase(Locale.ROOT));
		instance.put("secureVipAddress", app.toLowerCase(Locale.ROOT));
		String body = JSON.writeValueAsString(Map.of("instance", instance));
		send(HttpRequest.newBuilder(URI.create(this.serviceUrl + "apps/" + name))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)), "register " + instanceId);
	}

	/**
	 * Removes an instance through the REST API.
	 * @param app the application name
	 * @param instanceId the instance id
	 */
	public void deregister(String app, String instanceId) {
		send(HttpRequest
			.newBuilder(URI.create(this.serviceUrl + "apps/" + app.toUpperCase(Locale.ROOT) + "/" + instanceId))
			.DELETE(), "deregister " + instanceId);
	}

	/**
	 * Stops the server: its port refuses connections afterwards.
	 */
	public void stop() {
		if (this.context.isActive()) {
			this.context.close();
		}
	}

	/**
	 * Same as {@link #stop()}.
	 */
	@Override
	public void close() {
		stop();
	}

	private void send(HttpRequest.Builder request, String what) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				throw new IllegalStateException(
						"Eureka test server: " + what + " answered " + response.statusCode() + ": " + response.body());
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Eureka test server: " + what + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Eureka test server: " + what + " interrupted", ex);
		}
	}

	/**
	 * The server's whole configuration: the Eureka server and the web stack it needs,
	 * nothing found by scanning.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableEurekaServer
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class,
			ConfigurationPropertiesAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
			DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
			HttpMessageConvertersAutoConfiguration.class, UtilAutoConfiguration.class,
			EurekaClientAutoConfiguration.class, EurekaServerAutoConfiguration.class,
			EurekaServerJerseyClientAutoConfiguration.class })
	static class Server {

	}

}

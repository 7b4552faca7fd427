package io.portico.registry;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import com.alibaba.nacos.plugin.auth.api.LoginIdentityContext;
import com.alibaba.nacos.plugin.auth.api.RequestResource;
import com.alibaba.nacos.plugin.auth.spi.client.AbstractClientAuthService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Logs a {@link NacosRegistryClient} in to Nacos (the documented
 * {@code POST /nacos/v3/auth/user/login}, falling back to
 * {@code /nacos/v1/auth/users/login}) and hands the client the {@code accessToken} for
 * its requests; a Nacos client auth plugin, found by the client through
 * {@code ServiceLoader}.
 *
 * <p>
 * It exists because the Nacos client's own login logs its HTTP form, password included,
 * at DEBUG level. It acts only for clients created with {@link #USERNAME} and
 * {@link #PASSWORD} properties (Portico's); other Nacos clients in the same JVM are
 * untouched.
 */
public class NacosTokenAuthService extends AbstractClientAuthService {

	/** The property naming the user (Portico's, so that Nacos's own login stays idle). */
	public static final String USERNAME = "portico.nacos.username";

	/** The property holding the password. */
	public static final String PASSWORD = "portico.nacos.password";

	/** The property holding the login timeout in milliseconds. */
	public static final String TIMEOUT = "portico.nacos.login-timeout";

	private static final Logger logger = LoggerFactory.getLogger(NacosTokenAuthService.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long RETRY_MILLIS = 5000;

	private volatile LoginIdentityContext context = new LoginIdentityContext();

	private volatile long expiresAt;

	private volatile long lastAttempt;

	@Override
	public Boolean login(Properties properties) {
		String username = properties.getProperty(USERNAME, "");
		String password = properties.getProperty(PASSWORD, "");
		if (username.isEmpty()) {
			return true;
		}
		long now = System.currentTimeMillis();
		boolean relogin = Boolean.parseBoolean(this.context.getParameter("reLoginFlag", "false"));
		if (now < this.expiresAt && !relogin) {
			return true;
		}
		if (this.lastAttempt != 0 && now - this.lastAttempt < RETRY_MILLIS) {
			// The client asks every few seconds; a refused login is not retried faster.
			return now < this.expiresAt;
		}
		this.lastAttempt = now;
		Duration timeout = Duration.ofMillis(Long.parseLong(properties.getProperty(TIMEOUT, "3000")));
		List<String> servers = (this.serverList != null) ? this.serverList : List.of();
		for (String server : servers) {
			String base = server.contains("://") ? server : "http://" + server;
			while (base.endsWith("/")) {
				base = base.substring(0, base.length() - 1);
			}
			try {
				HttpResponse<String> response = post(base + "/nacos/v3/auth/user/login", username, password, timeout);
				if (response.statusCode() == 404 || response.statusCode() == 501) {
					response = post(base + "/nacos/v1/auth/users/login", username, password, timeout);
				}
				if (response.statusCode() != 200) {
					logger.warn("Nacos at {} refused the login of user '{}': {} {}", base, username,
							response.statusCode(), SecretScrubber.of(password).scrub(response.body()));
					continue;
				}
				JsonNode body = JSON.readTree(response.body());
				LoginIdentityContext loggedIn = new LoginIdentityContext();
				if (body.hasNonNull("accessToken")) {
					loggedIn.setParameter("accessToken", body.get("accessToken").asString());
				}
				long ttl = body.path("tokenTtl").asLong(18000);
				// Log in again well before the token expires.
				this.expiresAt = now + Math.max(1000, ttl * 900);
				this.context = loggedIn;
				return true;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			catch (Exception ex) {
				logger.warn("Nacos login of user '{}' at {} failed: {}", username, base,
						SecretScrubber.of(password).scrub(String.valueOf(ex.getMessage())));
			}
		}
		return false;
	}

	private static HttpResponse<String> post(String url, String username, String password, Duration timeout)
			throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
		String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.timeout(timeout)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Override
	public LoginIdentityContext getLoginIdentityContext(RequestResource resource) {
		return this.context;
	}

	@Override
	public void shutdown() {
		this.context = new LoginIdentityContext();
	}

}

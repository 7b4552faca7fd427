package io.portico.cli.command;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.portico.cli.http.AdminClient;
import picocli.CommandLine.Option;

/**
 * The options of every server command: where the admin is, the token, the gateway group,
 * the timeout and the output format.
 */
public class ServerOptions {

	/**
	 * The admin's address when neither {@code --server} nor {@code PORTICO_SERVER} is
	 * set.
	 */
	public static final String DEFAULT_SERVER = "http://127.0.0.1:9180";

	@Option(names = "--server", paramLabel = "URL",
			description = "The admin's base URL (env PORTICO_SERVER; default " + DEFAULT_SERVER + ").")
	String server;

	@Option(names = "--token", paramLabel = "TOKEN",
			description = "An API token, sent as X-API-KEY (env PORTICO_TOKEN). Never printed.")
	String token;

	@Option(names = "--gateway-group", paramLabel = "ID", defaultValue = "default",
			description = "The gateway group (default: ${DEFAULT-VALUE}).")
	String gatewayGroup;

	@Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
			description = "Connect and request timeout in seconds (default: ${DEFAULT-VALUE}).")
	long timeoutSeconds;

	@Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
			description = "text or json (default: ${DEFAULT-VALUE}).")
	OutputFormat output;

	/**
	 * The admin's base URL.
	 * @param environment the environment
	 * @return the option, else {@code PORTICO_SERVER}, else the default
	 */
	String server(Map<String, String> environment) {
		if (this.server != null) {
			return this.server;
		}
		String value = environment.get("PORTICO_SERVER");
		return (value != null && !value.isBlank()) ? value : DEFAULT_SERVER;
	}

	AdminClient client(Map<String, String> environment) {
		String value = (this.token != null) ? this.token : environment.get("PORTICO_TOKEN");
		return new AdminClient(URI.create(server(environment)), value, Duration.ofSeconds(this.timeoutSeconds));
	}

	/**
	 * The output formats.
	 */
	public enum OutputFormat {

		/** For a person. */
		text,

		/** The server's JSON. */
		json

	}

}

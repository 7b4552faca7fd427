package io.portico.quickstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where the quickstart finds its jars and which local ports it uses.
 *
 * @param adminJar the admin's executable jar
 * @param gatewayJar the gateway's executable jar
 * @param adminPort the admin API port (9180)
 * @param gatewayPort the gateway's proxy port (9080)
 * @param gatewayManagementPort the gateway's management port (9091), where its health
 * probes answer
 * @param echoPort the echo upstream's port (8080); 0 for a free one
 * @param databasePort the embedded H2 database's TCP port (9092); 0 for a free one
 * @param group the gateway group the gateway serves
 * @param logDirectory where the admin and gateway write their output; {@code null} to
 * share this console
 * @param dataDirectory where the quickstart keeps what must survive a restart, such as
 * the secrets key ({@code data/quickstart})
 * @param tokenFile where the bootstrap super admin's API token is written
 * ({@code .portico/admin-token})
 */
public record QuickstartOptions(Path adminJar, Path gatewayJar, int adminPort, int gatewayPort,
		int gatewayManagementPort, int echoPort, int databasePort, String group, Path logDirectory, Path dataDirectory,
		Path tokenFile) {

	/** Where the admin token goes unless {@code --token-file} says otherwise. */
	public static final String DEFAULT_TOKEN_FILE = ".portico/admin-token";

	/**
	 * Reads {@code --name=value} options; jars default to the Maven build output below
	 * the working directory.
	 * @param args the command line
	 * @return the options
	 */
	public static QuickstartOptions parse(String... args) {
		Map<String, String> options = new TreeMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Options look like --name=value, got '" + arg + "'");
			}
			String[] pair = arg.substring(2).split("=", 2);
			options.put(pair[0], pair[1]);
		}
		Path admin = path(options.get("admin-jar"), "admin-webflux");
		Path gateway = path(options.get("gateway-jar"), "gateway-distro");
		String logs = options.get("log-dir");
		return new QuickstartOptions(admin, gateway, port(options, "admin-port", 9180),
				port(options, "gateway-port", 9080), port(options, "gateway-management-port", 9091),
				port(options, "echo-port", 8080), port(options, "database-port", 9092),
				options.getOrDefault("group", "default"), (logs != null) ? Paths.get(logs) : null,
				Paths.get(options.getOrDefault("data-dir", "data/quickstart")),
				Paths.get(options.getOrDefault("token-file", DEFAULT_TOKEN_FILE)));
	}

	private static int port(Map<String, String> options, String name, int fallback) {
		String value = options.get(name);
		return (value != null) ? Integer.parseInt(value) : fallback;
	}

	private static Path path(String given, String module) {
		if (given != null) {
			return Paths.get(given);
		}
		Path target = Paths.get(module, "target");
		List<Path> found = new ArrayList<>();
		if (Files.isDirectory(target)) {
			try (Stream<Path> files = Files.list(target)) {
				files.filter((p) -> p.getFileName().toString().endsWith("-exec.jar")).forEach(found::add);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		if (found.size() != 1) {
			throw new IllegalArgumentException(
					"Cannot find " + module + "'s executable jar in " + target.toAbsolutePath() + " (found " + found
							+ "): run from the repository root after './mvnw -DskipTests package'," + " or pass --"
							+ ((module.startsWith("admin")) ? "admin" : "gateway") + "-jar=PATH");
		}
		return found.get(0);
	}

}

package io.portico.quickstart;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Portico executable jar (admin or gateway) running as a child JVM, ready once its
 * readiness probe says so.
 *
 * <p>
 * The quickstart runs its admin and gateway this way, and so do the end-to-end tests, so
 * both exercise the jars users run. The admin answers its probes on its HTTP port; a
 * gateway answers them on its management port only. Example: <pre>
 * try (PorticoProcess gateway = PorticoProcess.start("gateway", jar, 9080, 9091,
 *         List.of("--server.port=9080", "--management.server.port=9091"), logs)) {
 *     gateway.awaitReady(Duration.ofMinutes(2));
 * }
 * </pre>
 */
public final class PorticoProcess implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(PorticoProcess.class);

	private final String name;

	private final int port;

	private final int probePort;

	private final Process process;

	private final Path log;

	private PorticoProcess(String name, int port, int probePort, Process process, Path log) {
		this.name = name;
		this.port = port;
		this.probePort = probePort;
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts a jar whose probes answer on its HTTP port, such as the admin.
	 * @param name a name for messages and the log file ({@code admin})
	 * @param jar the executable jar
	 * @param port the HTTP port the process will listen on, also probed for readiness
	 * @param args Spring Boot command-line arguments
	 * @param logDirectory where {@code <name>.log} goes; {@code null} to share this
	 * console
	 * @return the started, not yet ready, process
	 */
	public static PorticoProcess start(String name, Path jar, int port, List<String> args, Path logDirectory) {
		return start(name, jar, port, port, args, logDirectory);
	}

	/**
	 * Starts a jar with a small heap.
	 * @param name a name for messages and the log file ({@code admin},
	 * {@code gateway-test})
	 * @param jar the executable jar
	 * @param port the HTTP port the process will listen on
	 * @param probePort the port of its readiness probe: the gateway's
	 * {@code management.server.port}, which the arguments must set to the same value
	 * @param args Spring Boot command-line arguments
	 * @param logDirectory where {@code <name>.log} goes; {@code null} to share this
	 * console
	 * @return the started, not yet ready, process
	 */
	public static PorticoProcess start(String name, Path jar, int port, int probePort, List<String> args,
			Path logDirectory) {
		return start(name, jar, port, probePort, args, Map.of(), logDirectory);
	}

	/**
	 * Starts a jar with a small heap and extra environment variables (for secrets, which
	 * must not show on the command line that {@code ps} lists).
	 * @param name a name for messages and the log file
	 * @param jar the executable jar
	 * @param port the HTTP port the process will listen on
	 * @param probePort the port of its readiness probe
	 * @param args Spring Boot command-line arguments
	 * @param environment environment variables added to this process's
	 * @param logDirectory where {@code <name>.log} goes; {@code null} to share this
	 * console
	 * @return the started, not yet ready, process
	 */
	public static PorticoProcess start(String name, Path jar, int port, int probePort, List<String> args,
			Map<String, String> environment, Path logDirectory) {
		List<String> command = new ArrayList<>();
		command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx384m");
		// C1 only: these are short-lived development processes, and start-up time matters
		// more.
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-jar");
		command.add(jar.toAbsolutePath().toString());
		command.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		Path log = null;
		if (logDirectory != null) {
			try {
				Files.createDirectories(logDirectory);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot create " + logDirectory, ex);
			}
			log = logDirectory.resolve(name + ".log");
			builder.redirectOutput(log.toFile());
		}
		else {
			builder.inheritIO();
		}
		try {
			Process process = builder.start();
			logger.info("Started the {} ({})", name, jar.getFileName());
			return new PorticoProcess(name, port, probePort, process, log);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the " + name + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Waits until {@code /actuator/health/readiness} answers 200 on the probe port.
	 * @param timeout how long to wait
	 * @return this process
	 * @throws IllegalStateException when the process exits or the time runs out
	 */
	public PorticoProcess awaitReady(Duration timeout) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		URI readiness = URI.create("http://127.0.0.1:" + this.probePort + "/actuator/health/readiness");
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The " + this.name + " exited with code " + this.process.exitValue()
						+ " before it was ready" + logHint());
			}
			try {
				HttpResponse<Void> response = client.send(HttpRequest.newBuilder(readiness).GET().build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					logger.info("The {} is ready on port {}", this.name, this.port);
					return this;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the " + this.name, ex);
			}
			pause();
		}
		throw new IllegalStateException("The " + this.name + " was not ready within " + timeout + logHint());
	}

	/**
	 * The HTTP port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The port of the readiness probe: the HTTP port of the admin, the management port of
	 * a gateway.
	 * @return the port
	 */
	public int probePort() {
		return this.probePort;
	}

	/**
	 * Whether the process still runs.
	 * @return true while alive
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * The log file, when output goes to a file.
	 * @return the log path, or {@code null}
	 */
	public Path log() {
		return this.log;
	}

	/**
	 * Stops the process: a graceful stop first, then a forced one after ten seconds.
	 */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private String logHint() {
		return (this.log != null) ? " (see " + this.log.toAbsolutePath() + ")" : "";
	}

	private static void pause() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

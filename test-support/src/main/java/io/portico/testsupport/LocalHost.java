package io.portico.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What tests ask of the machine they run on: a free TCP port, and where a command is on
 * the {@code PATH}.
 */
public final class LocalHost {

	private LocalHost() {
	}

	/**
	 * A TCP port that was free a moment ago, for a server that must be given a fixed one.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Finds an executable on the {@code PATH}.
	 * @param command the command, such as {@code psql}
	 * @return its path, or {@code null} when it is not installed
	 */
	public static Path onPath(String command) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String directory : path.split(File.pathSeparator)) {
			Path candidate = Path.of(directory, command);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

}

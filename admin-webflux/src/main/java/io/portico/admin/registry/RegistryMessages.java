package io.portico.admin.registry;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.portico.registry.RegistrySettings;
import io.portico.registry.SecretScrubber;

/**
 * Turns a registry failure into a message fit for {@code last_error}, a problem detail or
 * a log line: clear, bounded, and without the connection's secrets, even when a library
 * quoted them.
 */
final class RegistryMessages {

	private static final int MAX_LENGTH = 2000;

	private RegistryMessages() {
	}

	/**
	 * Describes why a call to a registry failed.
	 * @param error the failure
	 * @param settings the connection's settings, whose secrets are scrubbed
	 * @param timeout the time limit, named when the call ran out of it
	 * @return the message
	 */
	static String describe(Throwable error, RegistrySettings settings, Duration timeout) {
		String message;
		if (error instanceof TimeoutException) {
			message = "the registry did not answer within " + format(timeout);
		}
		else {
			message = error.getMessage();
			if (message == null || message.isBlank()) {
				message = error.getClass().getSimpleName();
			}
		}
		return scrub(message, settings);
	}

	/**
	 * Removes every secret of a connection from a text and bounds its length.
	 * @param text the text
	 * @param settings the connection's settings
	 * @return the text without secrets
	 */
	static String scrub(String text, RegistrySettings settings) {
		String result = SecretScrubber.of(settings).scrub(text);
		return (result.length() > MAX_LENGTH) ? result.substring(0, MAX_LENGTH - 1) + "…" : result;
	}

	static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}

package io.portico.registry;

import reactor.core.publisher.FluxSink;

/**
 * What the clients say about a library's error: its root cause's message, which names the
 * problem (refused, reset, unknown host) where the outer ones name only the call.
 */
final class RegistryErrors {

	private RegistryErrors() {
	}

	/**
	 * The message of the innermost cause.
	 * @param error the error
	 * @return its message, or its class's simple name when it has none
	 */
	static String rootMessage(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return (message == null || message.isBlank()) ? root.getClass().getSimpleName() : message;
	}

	/**
	 * Ends a watch subscribed to after its client was closed.
	 * @param closed whether the client is closed
	 * @param sink the watch's sink, which gets the error
	 * @return {@code closed}
	 */
	static boolean refusedAsClosed(boolean closed, FluxSink<?> sink) {
		if (closed) {
			sink.error(new IllegalStateException("the registry client is closed"));
		}
		return closed;
	}

}

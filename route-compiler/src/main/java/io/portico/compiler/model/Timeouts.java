package io.portico.compiler.model;

import java.time.Duration;

/**
 * Connect and read (response) timeouts towards the upstream; a {@code null} part takes
 * the default.
 *
 * @param connect time to establish a connection
 * @param read time to wait for the response
 */
public record Timeouts(Duration connect, Duration read) {

	/** Connect timeout when none is given. */
	public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(5);

	/** Read timeout when none is given. */
	public static final Duration DEFAULT_READ = Duration.ofSeconds(60);

	/** The largest timeout accepted: no timeout is ever infinite. */
	public static final Duration MAX = Duration.ofHours(1);

}

package io.portico.compiler.model;

/**
 * What keeps one client on one side of a canary: its key is hashed into the weight's 0–99
 * range.
 *
 * @param source where the key comes from
 * @param name the header or cookie name; {@code null} for {@link Source#CLIENT_ADDRESS}
 */
public record CanarySticky(Source source, String name) {

	/**
	 * Where the sticky key comes from.
	 */
	public enum Source {

		/** A request header. */
		HEADER,

		/** A cookie. */
		COOKIE,

		/**
		 * The client's address (the first X-Forwarded-For entry when trusted, else the
		 * remote address).
		 */
		CLIENT_ADDRESS

	}

}

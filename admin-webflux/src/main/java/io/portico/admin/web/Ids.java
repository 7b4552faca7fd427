package io.portico.admin.web;

import java.util.UUID;

/**
 * Ids of objects created through the API: client-given or random.
 */
public final class Ids {

	/** What a client-given id must look like. */
	public static final String PATTERN = "^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$";

	/** The message when it does not. */
	public static final String MESSAGE = "must be 1 to 64 lower-case letters, digits or '-', not starting or ending with '-'";

	private Ids() {
	}

	/**
	 * The given id, or a random UUID.
	 * @param given the client-given id, possibly {@code null}
	 * @return the id to use
	 */
	public static String orRandom(String given) {
		return (given != null) ? given : UUID.randomUUID().toString();
	}

}

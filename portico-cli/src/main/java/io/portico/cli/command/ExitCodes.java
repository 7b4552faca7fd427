package io.portico.cli.command;

/**
 * The CLI's exit codes.
 */
public final class ExitCodes {

	/** Done; for diff, no change. */
	public static final int OK = 0;

	/**
	 * Anything else: authentication, permission, server or connection errors; for
	 * {@code diff --exit-code}, there are changes.
	 */
	public static final int FAILURE = 1;

	/** Invalid input: the files, the flags, or the admin's 400. */
	public static final int INVALID = 2;

	/** Conflict: the admin's 409 (a published version's content, a stale plan). */
	public static final int CONFLICT = 3;

	private ExitCodes() {
	}

}

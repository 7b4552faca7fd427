package io.portico.admin.registry;

/**
 * How a registry connection's stored secrets read with the configured keys.
 */
public enum SecretsState {

	/** Encrypted under the current key, or nothing secret to encrypt. */
	CURRENT,

	/**
	 * Readable, but in plain text (written before encryption) or under a previous key: to
	 * be re-encrypted under the current key.
	 */
	STALE,

	/** Encrypted under a key that is not configured, or altered: cannot be read. */
	UNREADABLE

}

package io.portico.admin.registry;

/**
 * What re-encrypting one registry connection's secrets did.
 */
public enum ReencryptOutcome {

	/** Rewritten under the current key. */
	REENCRYPTED,

	/** Already under the current key (or nothing secret stored); left as it was. */
	ALREADY_CURRENT,

	/** Cannot be decrypted with the configured keys; left as it was. */
	UNREADABLE

}

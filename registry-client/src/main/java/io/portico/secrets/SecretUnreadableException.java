package io.portico.secrets;

/**
 * A stored secret cannot be decrypted with the configured keys: it was encrypted under a
 * key that is not configured, or it does not authenticate (altered, or copied from
 * another row). The message names key ids only, never a key or the secret.
 */
public class SecretUnreadableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String storedKeyId;

	public SecretUnreadableException(String message, String storedKeyId) {
		super(message);
		this.storedKeyId = storedKeyId;
	}

	/**
	 * The id of the key the value says it was encrypted under.
	 * @return the key id, or {@code null} when the value is malformed
	 */
	public String storedKeyId() {
		return this.storedKeyId;
	}

}

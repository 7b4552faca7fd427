package io.portico.secrets;

/**
 * The configured keys cannot be used: a key is missing, malformed or unreadable. The
 * message names the property and how to fix it, never a key.
 */
public class SecretKeyException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	public SecretKeyException(String message) {
		super(message);
	}

}

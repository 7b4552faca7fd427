package io.portico.registry;

/**
 * A registry could not be reached or refused the request; the message never contains a
 * secret.
 */
public class RegistryException extends RuntimeException {

	/**
	 * Creates the exception.
	 * @param message what went wrong, for an operator, without secrets
	 * @param cause the underlying error, or {@code null}
	 */
	public RegistryException(String message, Throwable cause) {
		super(message, cause);
	}

}

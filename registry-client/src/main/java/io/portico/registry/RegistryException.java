package io.portico.registry;

/**
 * A registry could not be reached or refused the request; the message never contains a
 * secret.
 */
public class RegistryException extends RuntimeException {

	public RegistryException(String message, Throwable cause) {
		super(message, cause);
	}

}

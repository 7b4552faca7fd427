package io.portico.registry;

/**
 * Keeps secrets out of strings that may be logged.
 */
final class Secrets {

	private Secrets() {
	}

	static String mask(String secret) {
		return (secret == null || secret.isEmpty()) ? "<none>" : "******";
	}

}

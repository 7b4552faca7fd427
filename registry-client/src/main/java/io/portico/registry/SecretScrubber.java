package io.portico.registry;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Removes a registry connection's secrets from text that may reach a log line, a status
 * or an API answer, should a library have echoed one. The one scrubber of secrets: the
 * clients, the admin and the gateway all go through it, and it learns the secrets from
 * {@link RegistrySettings#secrets()} only. Example: <pre>
 * String safe = SecretScrubber.of(connection.settings()).scrub(error.getMessage());
 * </pre>
 */
public final class SecretScrubber {

	/** What replaces a secret. */
	public static final String MASK = "******";

	private final List<String> secrets;

	private SecretScrubber(Collection<String> secrets) {
		// Longest first, so that a secret containing another is masked whole.
		this.secrets = secrets.stream()
			.filter(Objects::nonNull)
			.filter((secret) -> !secret.isEmpty())
			.distinct()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList();
	}

	/**
	 * The scrubber of a connection.
	 * @param settings the connection's settings
	 * @return a scrubber of every secret of these settings
	 */
	public static SecretScrubber of(RegistrySettings settings) {
		return new SecretScrubber(settings.secrets().values());
	}

	/**
	 * A scrubber of secrets that are not (yet) settings, such as a password a library
	 * hands back through its own properties.
	 * @param secrets the secrets; empty and {@code null} ones are ignored
	 * @return a scrubber of these secrets
	 */
	public static SecretScrubber of(String... secrets) {
		return new SecretScrubber(Arrays.asList(secrets));
	}

	/**
	 * Replaces every secret in a text by {@value #MASK}.
	 * @param text the text, may be {@code null}
	 * @return the text without secrets; {@code null} for {@code null}
	 */
	public String scrub(String text) {
		if (text == null) {
			return null;
		}
		String result = text;
		for (String secret : this.secrets) {
			result = result.replace(secret, MASK);
		}
		return result;
	}

	/**
	 * Whether an error or one of its causes quotes a secret in its message; such an error
	 * must not be kept as the cause of one that may be logged with its stack trace.
	 * @param error the error, may be {@code null}
	 * @return {@code true} when a message of the chain contains a secret
	 */
	public boolean revealedBy(Throwable error) {
		for (Throwable t = error; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			String message = t.getMessage();
			if (message != null && this.secrets.stream().anyMatch(message::contains)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The {@code toString()} of a settings record: its components in order, as a record
	 * shows them, with the {@linkplain RegistrySettings#secrets() secret} ones
	 * {@linkplain #mask(String) masked}.
	 * @param settings the settings record
	 * @return {@code Type[name=value, secret=******]}
	 */
	static String describe(RegistrySettings settings) {
		Set<String> secrets = settings.secrets().keySet();
		StringJoiner text = new StringJoiner(", ", settings.getClass().getSimpleName() + "[", "]");
		for (RecordComponent component : settings.getClass().getRecordComponents()) {
			Object value = read(component, settings);
			text.add(component.getName() + "="
					+ (secrets.contains(component.getName()) ? mask((String) value) : String.valueOf(value)));
		}
		return text.toString();
	}

	/**
	 * The value of a component of a settings record.
	 * @param component the component
	 * @param settings the record
	 * @return the value
	 */
	static Object read(RecordComponent component, RegistrySettings settings) {
		try {
			return component.getAccessor().invoke(settings);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Unreadable component " + component, ex);
		}
	}

	/**
	 * How a settings record shows a secret in its {@code toString()}.
	 * @param secret the secret
	 * @return {@code <none>} when empty, {@value #MASK} otherwise
	 */
	static String mask(String secret) {
		return (secret == null || secret.isEmpty()) ? "<none>" : MASK;
	}

}

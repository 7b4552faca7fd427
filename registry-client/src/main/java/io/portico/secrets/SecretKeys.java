package io.portico.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys secrets are encrypted with: one current key, which encrypts, and previous
 * keys, which only decrypt during a rotation. Each key is known by a short id, the first
 * 8 hex digits of its SHA-256, which is stored with every value and may be shown and
 * logged.
 *
 * <p>
 * Example: <pre>
 * SecretKeys keys = SecretKeys.from(properties); // portico.secrets.*
 * keys.currentId(); // "3fa9c01e", or null when no key is configured
 * </pre>
 */
public final class SecretKeys {

	/** The length of a key, in bytes (AES-256). */
	public static final int KEY_BYTES = 32;

	/** How to configure a key, for messages. */
	public static final String HOW_TO_CONFIGURE = "set portico.secrets.key (environment PORTICO_SECRETS_KEY) to the"
			+ " base64 of 32 random bytes, e.g. the output of 'openssl rand -base64 32', or portico.secrets.key-file"
			+ " (environment PORTICO_SECRETS_KEY_FILE) to a file holding it";

	private static final SecretKeys NONE = new SecretKeys(null, Map.of());

	private final String currentId;

	// By id, the current key first.
	private final Map<String, SecretKey> keys;

	private SecretKeys(String currentId, Map<String, SecretKey> keys) {
		this.currentId = currentId;
		this.keys = keys;
	}

	/**
	 * No key: plain-text values can be read, encrypted ones cannot, nothing can be
	 * encrypted.
	 * @return the empty key ring
	 */
	public static SecretKeys none() {
		return NONE;
	}

	/**
	 * Reads the configured keys.
	 * @param properties {@code portico.secrets.*}
	 * @return the keys; without a current key when neither {@code key} nor
	 * {@code key-file} is set
	 * @throws SecretKeyException when a key is malformed or the key file cannot be read,
	 * or both {@code key} and {@code key-file} are set
	 */
	public static SecretKeys from(SecretsProperties properties) {
		String key = properties.key().trim();
		String keyFile = properties.keyFile().trim();
		if (!key.isEmpty() && !keyFile.isEmpty()) {
			throw new SecretKeyException(
					"Both portico.secrets.key and portico.secrets.key-file are set: set only one of them");
		}
		String current = key;
		String source = "portico.secrets.key";
		if (!keyFile.isEmpty()) {
			current = readKeyFile(Path.of(keyFile));
			source = "portico.secrets.key-file (" + keyFile + ")";
		}
		if (current.isEmpty()) {
			if (!properties.previousKeys().isEmpty()) {
				throw new SecretKeyException("portico.secrets.previous-keys is set but no current key: "
						+ HOW_TO_CONFIGURE + "; previous keys only decrypt");
			}
			return NONE;
		}
		List<byte[]> previous = new ArrayList<>();
		for (int i = 0; i < properties.previousKeys().size(); i++) {
			previous.add(decode(properties.previousKeys().get(i), "portico.secrets.previous-keys[" + i + "]"));
		}
		return of(decode(current, source), previous);
	}

	/**
	 * Builds a key ring from raw keys.
	 * @param current the current key, 32 bytes
	 * @param previous keys that only decrypt, 32 bytes each
	 * @return the keys
	 */
	public static SecretKeys of(byte[] current, List<byte[]> previous) {
		Map<String, SecretKey> keys = new LinkedHashMap<>();
		String currentId = id(check(current, "the current key"));
		keys.put(currentId, new SecretKeySpec(current, "AES"));
		for (byte[] key : previous) {
			// A previous key equal to the current one is simply the same key.
			keys.putIfAbsent(id(check(key, "a previous key")), new SecretKeySpec(key, "AES"));
		}
		return new SecretKeys(currentId, Collections.unmodifiableMap(keys));
	}

	/**
	 * Builds a key ring from base64 keys, as configured.
	 * @param current the current key
	 * @param previous keys that only decrypt
	 * @return the keys
	 * @throws SecretKeyException when a key is not the base64 of 32 bytes
	 */
	public static SecretKeys of(String current, List<String> previous) {
		List<byte[]> decoded = new ArrayList<>();
		for (int i = 0; i < previous.size(); i++) {
			decoded.add(decode(previous.get(i), "previous key " + i));
		}
		return of(decode(current, "the current key"), decoded);
	}

	/**
	 * Whether a current key is configured, so that values can be encrypted.
	 * @return true with a key
	 */
	public boolean hasCurrent() {
		return this.currentId != null;
	}

	/**
	 * The current key, or fails naming the properties to set.
	 * @param who what needs the key, for the message ({@code "The admin"})
	 * @return these keys, which have a current key
	 * @throws SecretKeyException without a current key
	 */
	public SecretKeys requireCurrent(String who) {
		if (!hasCurrent()) {
			throw new SecretKeyException(who + " needs a key to encrypt secrets at rest (service registry passwords"
					+ " and tokens) and none is configured: " + HOW_TO_CONFIGURE + ".");
		}
		return this;
	}

	/**
	 * The id of the current key.
	 * @return the id, or {@code null} without a key
	 */
	public String currentId() {
		return this.currentId;
	}

	/**
	 * The ids of every key, the current one included.
	 * @return the ids
	 */
	public List<String> ids() {
		return List.copyOf(this.keys.keySet());
	}

	SecretKey current() {
		return (this.currentId != null) ? this.keys.get(this.currentId) : null;
	}

	SecretKey find(String id) {
		return this.keys.get(id);
	}

	/**
	 * The id of a key: the first 8 hex digits of its SHA-256.
	 * @param key the raw key
	 * @return the id
	 */
	public static String id(byte[] key) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(key);
			return HexFormat.of().formatHex(hash, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	@Override
	public String toString() {
		return "SecretKeys[current=" + this.currentId + ", all=" + this.keys.keySet() + "]";
	}

	private static String readKeyFile(Path file) {
		try {
			return Files.readString(file, StandardCharsets.US_ASCII).trim();
		}
		catch (IOException ex) {
			throw new SecretKeyException("portico.secrets.key-file '" + file + "' cannot be read ("
					+ ex.getClass().getSimpleName() + "): " + HOW_TO_CONFIGURE);
		}
	}

	private static byte[] decode(String base64, String source) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64.trim());
		}
		catch (IllegalArgumentException ex) {
			// The decoder's message may quote the key.
			throw new SecretKeyException(source + " is not valid base64: " + HOW_TO_CONFIGURE);
		}
		return check(key, source);
	}

	private static byte[] check(byte[] key, String source) {
		if (key == null || key.length != KEY_BYTES) {
			throw new SecretKeyException(source + " must be " + KEY_BYTES + " bytes, base64-encoded, not "
					+ ((key != null) ? key.length : 0) + " bytes: " + HOW_TO_CONFIGURE);
		}
		return key;
	}

}

package io.portico.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts secrets for storage with AES-256-GCM, and decrypts them. A stored value is
 * {@code enc:v1:<keyId>:<base64(iv || ciphertext || tag)>}: a random 12-byte IV per
 * value, a 128-bit tag, and as associated data a context the caller names (the id of the
 * row the value belongs to), so that a value copied to another row does not decrypt.
 * Values written before encryption (not starting with {@code enc:}) are read as they are,
 * and reported as stale so that they get encrypted.
 *
 * <p>
 * Thread-safe. Example: <pre>
 * SecretCipher cipher = new SecretCipher(SecretKeys.from(properties));
 * String stored = cipher.encrypt("{\"token\":\"s3cr3t\"}", rowId);
 * cipher.decrypt(stored, rowId); // {"token":"s3cr3t"}
 * cipher.isCurrent(stored); // true until the key is rotated
 * </pre>
 */
public final class SecretCipher {

	/** What every encrypted value starts with. */
	public static final String PREFIX = "enc:";

	private static final String V1 = PREFIX + "v1:";

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeys keys;

	public SecretCipher(SecretKeys keys) {
		this.keys = keys;
	}

	/**
	 * The configured keys.
	 * @return the keys
	 */
	public SecretKeys keys() {
		return this.keys;
	}

	/**
	 * Whether a stored value is encrypted (by any version of this format).
	 * @param stored the stored value
	 * @return false for a plain-text value, or {@code null}
	 */
	public static boolean isEncrypted(String stored) {
		return stored != null && stored.startsWith(PREFIX);
	}

	/**
	 * Encrypts a value under the current key.
	 * @param plaintext the value
	 * @param context the associated data, such as the row's id; the same must be given to
	 * decrypt
	 * @return the value to store
	 * @throws SecretKeyException when no key is configured
	 */
	public String encrypt(String plaintext, String context) {
		SecretKey key = this.keys.requireCurrent("Encrypting a secret").current();
		byte[] iv = new byte[IV_BYTES];
		RANDOM.nextBytes(iv);
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			byte[] payload = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
			return V1 + this.keys.currentId() + ":" + Base64.getEncoder().encodeToString(payload);
		}
		catch (GeneralSecurityException ex) {
			// Only a JDK without AES-GCM gets here; its message holds no secret.
			throw new IllegalStateException("Cannot encrypt with " + TRANSFORMATION + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Decrypts a stored value; a plain-text value is returned as it is.
	 * @param stored the stored value, or {@code null}
	 * @param context the associated data given to {@link #encrypt}
	 * @return the plaintext
	 * @throws SecretUnreadableException when the value cannot be decrypted with the
	 * configured keys
	 */
	public String decrypt(String stored, String context) {
		if (!isEncrypted(stored)) {
			return stored;
		}
		if (!stored.startsWith(V1)) {
			throw unreadable("it is in an unknown format (" + formatOf(stored) + ")", null);
		}
		String rest = stored.substring(V1.length());
		int colon = rest.indexOf(':');
		if (colon <= 0) {
			throw unreadable("it is malformed (no key id)", null);
		}
		String keyId = rest.substring(0, colon);
		SecretKey key = this.keys.find(keyId);
		if (key == null) {
			throw unreadable("it was encrypted under key id " + keyId + ", which is not configured", keyId);
		}
		byte[] payload;
		try {
			payload = Base64.getDecoder().decode(rest.substring(colon + 1));
		}
		catch (IllegalArgumentException ex) {
			throw unreadable("it is malformed (not base64)", keyId);
		}
		if (payload.length < IV_BYTES + TAG_BITS / 8) {
			throw unreadable("it is malformed (too short)", keyId);
		}
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, payload, 0, IV_BYTES));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] plain = cipher.doFinal(payload, IV_BYTES, payload.length - IV_BYTES);
			return new String(plain, StandardCharsets.UTF_8);
		}
		catch (AEADBadTagException ex) {
			throw unreadable(
					"it does not authenticate under key id " + keyId + " (altered, or copied from another row)", keyId);
		}
		catch (GeneralSecurityException ex) {
			throw unreadable("decryption failed (" + ex.getClass().getSimpleName() + ")", keyId);
		}
	}

	/**
	 * Whether a stored value is encrypted under the current key, so that re-encrypting it
	 * would change nothing. Says nothing on whether it decrypts.
	 * @param stored the stored value
	 * @return false for plain text, another key or another format
	 */
	public boolean isCurrent(String stored) {
		return this.keys.hasCurrent() && stored != null && stored.startsWith(V1 + this.keys.currentId() + ":");
	}

	/**
	 * Re-encrypts a stored value under the current key when it is plain text or under a
	 * previous key.
	 * @param stored the stored value
	 * @param context the associated data
	 * @return the new value to store, or {@code null} when the value is already current
	 * @throws SecretUnreadableException when the value cannot be decrypted
	 * @throws SecretKeyException when no key is configured
	 */
	public String reencrypt(String stored, String context) {
		if (isCurrent(stored)) {
			return null;
		}
		return encrypt(decrypt(stored, context), context);
	}

	private SecretUnreadableException unreadable(String why, String storedKeyId) {
		String configured = this.keys.hasCurrent() ? "with the configured key (key id " + this.keys.currentId() + ")"
				: "without a configured key (portico.secrets.key)";
		return new SecretUnreadableException("secret unreadable " + configured + ": " + why, storedKeyId);
	}

	private static String formatOf(String stored) {
		int second = stored.indexOf(':', PREFIX.length());
		String version = (second > 0) ? stored.substring(PREFIX.length(), second) : "";
		// Only something that looks like a version is echoed.
		return version.matches("v[0-9]{1,3}") ? "version " + version : "no version";
	}

}

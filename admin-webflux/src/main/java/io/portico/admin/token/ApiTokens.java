package io.portico.admin.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The shape of Portico's API tokens: {@code pt_} and 43 URL-safe characters (256 random
 * bits), so that a leaked one is easy to grep for; only their SHA-256 is stored.
 */
public final class ApiTokens {

	/** What every token starts with. */
	public static final String PREFIX = "pt_";

	/** How many characters of a token are kept to recognise it, prefix included. */
	public static final int SHOWN_LENGTH = 11;

	private static final Pattern SHAPE = Pattern.compile("^pt_[A-Za-z0-9_-]{20,200}$");

	private static final SecureRandom RANDOM = new SecureRandom();

	private ApiTokens() {
	}

	/**
	 * A new random token.
	 * @return the token
	 */
	public static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Whether a value has the shape of a token (checked before any lookup).
	 * @param value the value
	 * @return {@code true} if it may be a token
	 */
	public static boolean looksLikeToken(String value) {
		return value != null && SHAPE.matcher(value).matches();
	}

	/**
	 * The stored form of a token. A plain hash suffices: tokens are random and long, not
	 * guessable like passwords.
	 * @param token the token
	 * @return SHA-256, hex
	 */
	public static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The recognisable start of a token.
	 * @param token the token
	 * @return such as {@code pt_Ab3dE9fG}
	 */
	public static String shown(String token) {
		return token.substring(0, Math.min(SHOWN_LENGTH, token.length()));
	}

}

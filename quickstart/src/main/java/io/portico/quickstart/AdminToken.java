package io.portico.quickstart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The quickstart's bootstrap super admin credentials, a token for curl and a password for
 * the dashboard: random for every run, handed to the admin in its environment and written
 * to files only their owner can read, which the README's tutorial reads.
 */
public final class AdminToken {

	private static final SecureRandom RANDOM = new SecureRandom();

	private AdminToken() {
	}

	/**
	 * A new token in the admin's format ({@code pt_} and 43 URL-safe characters).
	 * @return the token
	 */
	public static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return "pt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * A new dashboard password: 24 URL-safe characters.
	 * @return the password
	 */
	public static String password() {
		byte[] bytes = new byte[18];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Writes the token to a file readable by its owner only (replacing an older one).
	 * @param file the file, such as {@code .portico/admin-token}
	 * @param token the token
	 */
	public static void write(Path file, String token) {
		try {
			Path directory = file.toAbsolutePath().getParent();
			Files.createDirectories(directory);
			boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
			Files.deleteIfExists(file);
			if (posix) {
				Files.createFile(file,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot write the admin token to " + file + ": " + ex.getMessage(), ex);
		}
	}

}

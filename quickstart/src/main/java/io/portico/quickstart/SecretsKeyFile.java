package io.portico.quickstart;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quickstart's secrets key ({@code portico.secrets.key-file} of its admin and
 * gateway): 32 random bytes, base64-encoded, generated once into
 * {@code <data directory>/secrets.key} with owner-only permissions (the directory too,
 * when the quickstart creates it) and reused on every later start.
 */
final class SecretsKeyFile {

	/** The file name in the data directory. */
	static final String NAME = "secrets.key";

	private static final Logger logger = LoggerFactory.getLogger(SecretsKeyFile.class);

	private SecretsKeyFile() {
	}

	/**
	 * Returns the key file, generating it when it does not exist yet.
	 * @param directory the data directory, created when missing
	 * @return the absolute path of the key file
	 */
	static Path ensure(Path directory) {
		Path file = directory.resolve(NAME).toAbsolutePath();
		try {
			createOwnerOnlyDirectories(directory);
			if (Files.exists(file)) {
				return file;
			}
			byte[] key = new byte[32];
			new SecureRandom().nextBytes(key);
			createOwnerOnly(file);
			Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
			logger.info("Generated the secrets key {} (registry secrets are encrypted with it; keep it with the data)",
					file);
			return file;
		}
		catch (FileAlreadyExistsException ex) {
			// Another quickstart generated it in between: use that one.
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the secrets key " + file, ex);
		}
	}

	private static void createOwnerOnlyDirectories(Path directory) throws IOException {
		if (Files.isDirectory(directory)) {
			return;
		}
		if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.createDirectories(directory,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
		else {
			Files.createDirectories(directory);
		}
	}

	// Owner-only from the start, so the key is never readable by others, not even
	// briefly.
	private static void createOwnerOnly(Path file) throws IOException {
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		else {
			Files.createFile(file);
			File plain = file.toFile();
			plain.setReadable(false, false);
			plain.setReadable(true, true);
			plain.setWritable(false, false);
			plain.setWritable(true, true);
		}
	}

}

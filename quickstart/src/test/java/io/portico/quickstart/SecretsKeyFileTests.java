package io.portico.quickstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quickstart's secrets key file: generated once, owner-only, reused.
 */
class SecretsKeyFileTests {

	@TempDir
	Path directory;

	@Test
	void ensure_firstStart_generates32RandomBytesReadableByTheOwnerOnly() throws IOException {
		Path file = SecretsKeyFile.ensure(this.directory.resolve("data"));

		assertThat(file).isAbsolute().hasFileName("secrets.key");
		assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
				.isEqualTo("rwx------");
		}
	}

	@Test
	void ensure_laterStarts_reuseTheKey() throws IOException {
		Path data = this.directory.resolve("data");
		String first = Files.readString(SecretsKeyFile.ensure(data));

		assertThat(Files.readString(SecretsKeyFile.ensure(data))).isEqualTo(first);
	}

	@Test
	void ensure_inAnotherDirectory_generatesAnotherKey() throws IOException {
		String first = Files.readString(SecretsKeyFile.ensure(this.directory.resolve("one")));
		String second = Files.readString(SecretsKeyFile.ensure(this.directory.resolve("two")));

		assertThat(second).isNotEqualTo(first);
	}

}

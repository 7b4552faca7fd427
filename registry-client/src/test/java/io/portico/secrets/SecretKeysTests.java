package io.portico.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SecretKeys} from {@code portico.secrets.*}: a key, a key file, previous keys,
 * and refusals that name the property without quoting a key.
 */
class SecretKeysTests {

	@TempDir
	Path directory;

	@Test
	void from_key_hasThatKeyAsCurrent() {
		SecretKeys keys = SecretKeys.from(new SecretsProperties(SecretCipherTests.KEY_A, "", List.of()));

		assertThat(keys.hasCurrent()).isTrue();
		assertThat(keys.currentId()).isEqualTo(SecretKeys.id(Base64.getDecoder().decode(SecretCipherTests.KEY_A)));
		assertThat(keys.toString()).doesNotContain(SecretCipherTests.KEY_A);
	}

	@Test
	void from_keyFileWithATrailingNewline_readsTheKey() throws IOException {
		Path file = this.directory.resolve("secrets.key");
		Files.writeString(file, SecretCipherTests.KEY_A + "\n");

		SecretKeys keys = SecretKeys.from(new SecretsProperties("", file.toString(), List.of()));

		assertThat(keys.currentId())
			.isEqualTo(SecretKeys.from(new SecretsProperties(SecretCipherTests.KEY_A, "", List.of())).currentId());
	}

	@Test
	void from_previousKeys_knowsEveryKeyWithTheFirstAsCurrent() {
		SecretKeys keys = SecretKeys
			.from(new SecretsProperties(SecretCipherTests.KEY_B, "", List.of(SecretCipherTests.KEY_A)));
		SecretKeys a = SecretKeys.of(SecretCipherTests.KEY_A, List.of());

		assertThat(keys.ids()).hasSize(2).contains(a.currentId(), keys.currentId());
		assertThat(keys.currentId()).isNotEqualTo(a.currentId());
	}

	@Test
	void from_nothing_hasNoKey_andRequireCurrentNamesTheProperties() {
		SecretKeys keys = SecretKeys.from(new SecretsProperties(null, null, null));

		assertThat(keys.hasCurrent()).isFalse();
		assertThat(keys.currentId()).isNull();
		assertThatExceptionOfType(SecretKeyException.class).isThrownBy(() -> keys.requireCurrent("The admin"))
			.withMessageStartingWith("The admin needs a key")
			.withMessageContaining("portico.secrets.key")
			.withMessageContaining("PORTICO_SECRETS_KEY")
			.withMessageContaining("portico.secrets.key-file")
			.withMessageContaining("openssl rand -base64 32");
	}

	@Test
	void from_malformedOrShortKeys_failNamingThePropertyNotTheKey() {
		String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
		assertThatExceptionOfType(SecretKeyException.class)
			.isThrownBy(() -> SecretKeys.from(new SecretsProperties("not-base64-%%%", "", List.of())))
			.withMessageStartingWith("portico.secrets.key is not valid base64")
			.withMessageNotContaining("not-base64-%%%");
		assertThatExceptionOfType(SecretKeyException.class)
			.isThrownBy(() -> SecretKeys.from(new SecretsProperties(shortKey, "", List.of())))
			.withMessageStartingWith("portico.secrets.key must be 32 bytes")
			.withMessageNotContaining(shortKey);
		assertThatExceptionOfType(SecretKeyException.class)
			.isThrownBy(() -> SecretKeys.from(new SecretsProperties(SecretCipherTests.KEY_A, "", List.of(shortKey))))
			.withMessageStartingWith("portico.secrets.previous-keys[0] must be 32 bytes");
	}

	@Test
	void from_missingKeyFile_failsNamingTheFile() {
		Path missing = this.directory.resolve("missing.key");

		assertThatExceptionOfType(SecretKeyException.class)
			.isThrownBy(() -> SecretKeys.from(new SecretsProperties("", missing.toString(), List.of())))
			.withMessageContaining("portico.secrets.key-file '" + missing + "' cannot be read");
	}

	@Test
	void from_keyAndKeyFile_isRefused() {
		assertThatExceptionOfType(SecretKeyException.class)
			.isThrownBy(() -> SecretKeys.from(new SecretsProperties(SecretCipherTests.KEY_A, "/some/file", List.of())))
			.withMessageContaining("set only one");
	}

	@Test
	void from_previousKeysWithoutACurrentKey_isRefused() {
		assertThatExceptionOfType(SecretKeyException.class)
			.isThrownBy(() -> SecretKeys.from(new SecretsProperties("", "", List.of(SecretCipherTests.KEY_A))))
			.withMessageContaining("previous keys only decrypt");
	}

	@Test
	void from_blankPreviousKeys_areIgnored() {
		SecretKeys keys = SecretKeys.from(new SecretsProperties(SecretCipherTests.KEY_A, "", List.of("", " ")));

		assertThat(keys.ids()).containsExactly(keys.currentId());
	}

	@Test
	void properties_toString_hidesTheKey() {
		assertThat(new SecretsProperties(SecretCipherTests.KEY_A, "", List.of(SecretCipherTests.KEY_B)).toString())
			.doesNotContain(SecretCipherTests.KEY_A)
			.doesNotContain(SecretCipherTests.KEY_B);
	}

}

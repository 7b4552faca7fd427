package io.portico.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SecretCipher}: round trips, the stored format, failures on tampering, on another
 * row and on an unknown key, rotation, and messages without secrets or keys.
 */
class SecretCipherTests {

	static final String KEY_A = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

	static final String KEY_B = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

	private static final String SECRET = "{\"password\":\"nacos-pw-c0ffee42\"}";

	private final SecretCipher cipherA = new SecretCipher(SecretKeys.of(KEY_A, List.of()));

	@Test
	void encrypt_thenDecrypt_givesThePlaintextBack() {
		String stored = this.cipherA.encrypt(SECRET, "row-1");

		assertThat(this.cipherA.decrypt(stored, "row-1")).isEqualTo(SECRET);
	}

	@Test
	void encrypt_writesVersionKeyIdAndBase64OfIvCiphertextAndTag() {
		String stored = this.cipherA.encrypt(SECRET, "row-1");

		String keyId = SecretKeys.id(Base64.getDecoder().decode(KEY_A));
		assertThat(keyId).matches("[0-9a-f]{8}");
		assertThat(stored).startsWith("enc:v1:" + keyId + ":");
		byte[] payload = Base64.getDecoder().decode(stored.substring(("enc:v1:" + keyId + ":").length()));
		assertThat(payload).hasSize(12 + SECRET.getBytes(StandardCharsets.UTF_8).length + 16);
		assertThat(stored).doesNotContain("nacos-pw-c0ffee42")
			.doesNotContain(Base64.getEncoder().encodeToString("nacos-pw-c0ffee42".getBytes(StandardCharsets.UTF_8)))
			.doesNotContain(KEY_A);
		assertThat(SecretCipher.isEncrypted(stored)).isTrue();
		assertThat(this.cipherA.isCurrent(stored)).isTrue();
	}

	@Test
	void encrypt_sameValueTwice_usesAFreshIvEachTime() {
		assertThat(this.cipherA.encrypt(SECRET, "row-1")).isNotEqualTo(this.cipherA.encrypt(SECRET, "row-1"));
	}

	@Test
	void decrypt_tamperedCiphertext_failsWithoutQuotingTheValue() {
		String stored = this.cipherA.encrypt(SECRET, "row-1");
		int prefix = stored.lastIndexOf(':') + 1;
		byte[] payload = Base64.getDecoder().decode(stored.substring(prefix));
		payload[payload.length - 20] ^= 0x01;
		String tampered = stored.substring(0, prefix) + Base64.getEncoder().encodeToString(payload);

		assertThatExceptionOfType(SecretUnreadableException.class)
			.isThrownBy(() -> this.cipherA.decrypt(tampered, "row-1"))
			.withMessageStartingWith(
					"secret unreadable with the configured key (key id " + this.cipherA.keys().currentId() + ")")
			.withMessageContaining("does not authenticate")
			.withMessageNotContaining("nacos-pw")
			.withMessageNotContaining(KEY_A);
	}

	@Test
	void decrypt_valueOfAnotherRow_fails() {
		String stored = this.cipherA.encrypt(SECRET, "row-1");

		assertThatExceptionOfType(SecretUnreadableException.class)
			.isThrownBy(() -> this.cipherA.decrypt(stored, "row-2"))
			.withMessageContaining("copied from another row");
	}

	@Test
	void decrypt_underAKeyThatIsNotConfigured_failsNamingBothKeyIds() {
		SecretCipher cipherB = new SecretCipher(SecretKeys.of(KEY_B, List.of()));
		String stored = this.cipherA.encrypt(SECRET, "row-1");

		assertThatExceptionOfType(SecretUnreadableException.class).isThrownBy(() -> cipherB.decrypt(stored, "row-1"))
			.withMessage("secret unreadable with the configured key (key id " + cipherB.keys().currentId()
					+ "): it was encrypted under key id " + this.cipherA.keys().currentId()
					+ ", which is not configured")
			.satisfies((ex) -> assertThat(ex.storedKeyId()).isEqualTo(this.cipherA.keys().currentId()));
	}

	@Test
	void decrypt_withoutAnyKey_readsPlainTextButNotEncryptedValues() {
		SecretCipher none = new SecretCipher(SecretKeys.none());
		String stored = this.cipherA.encrypt(SECRET, "row-1");

		assertThat(none.decrypt(SECRET, "row-1")).isEqualTo(SECRET);
		assertThatExceptionOfType(SecretUnreadableException.class).isThrownBy(() -> none.decrypt(stored, "row-1"))
			.withMessageStartingWith("secret unreadable without a configured key (portico.secrets.key)");
		assertThatExceptionOfType(SecretKeyException.class).isThrownBy(() -> none.encrypt(SECRET, "row-1"))
			.withMessageContaining("portico.secrets.key");
	}

	@Test
	void decrypt_malformedValues_failWithoutEchoingThem() {
		for (String malformed : List.of("enc:v1:", "enc:v1:abcd", "enc:v9:abcd:AAAA",
				"enc:v1:" + this.cipherA.keys().currentId() + ":not base64!",
				"enc:v1:" + this.cipherA.keys().currentId() + ":AAAA", "enc:hunter2-is-my-password")) {
			assertThatExceptionOfType(SecretUnreadableException.class)
				.isThrownBy(() -> this.cipherA.decrypt(malformed, "row-1"))
				.withMessageNotContaining("hunter2")
				.withMessageNotContaining("not base64!");
		}
	}

	@Test
	void decrypt_plainTextValue_isReturnedAsItIs_andIsNotCurrent() {
		assertThat(this.cipherA.decrypt(SECRET, "row-1")).isEqualTo(SECRET);
		assertThat(SecretCipher.isEncrypted(SECRET)).isFalse();
		assertThat(this.cipherA.isCurrent(SECRET)).isFalse();
	}

	@Test
	void rotation_previousKeyDecrypts_andReencryptionUsesTheCurrentKey() {
		String underA = this.cipherA.encrypt(SECRET, "row-1");
		SecretCipher rotated = new SecretCipher(SecretKeys.of(KEY_B, List.of(KEY_A)));

		assertThat(rotated.decrypt(underA, "row-1")).isEqualTo(SECRET);
		assertThat(rotated.isCurrent(underA)).isFalse();
		String underB = rotated.reencrypt(underA, "row-1");
		assertThat(underB).startsWith("enc:v1:" + rotated.keys().currentId() + ":");
		assertThat(rotated.isCurrent(underB)).isTrue();
		assertThat(rotated.reencrypt(underB, "row-1")).as("already current").isNull();
		assertThat(new SecretCipher(SecretKeys.of(KEY_B, List.of())).decrypt(underB, "row-1")).isEqualTo(SECRET);
	}

	@Test
	void reencrypt_plainText_encryptsIt() {
		String stored = this.cipherA.reencrypt(SECRET, "row-1");

		assertThat(stored).startsWith("enc:v1:");
		assertThat(this.cipherA.decrypt(stored, "row-1")).isEqualTo(SECRET);
	}

	@Test
	void reencrypt_unreadableValue_fails() {
		String underA = this.cipherA.encrypt(SECRET, "row-1");
		SecretCipher cipherB = new SecretCipher(SecretKeys.of(KEY_B, List.of()));

		assertThatExceptionOfType(SecretUnreadableException.class).isThrownBy(() -> cipherB.reencrypt(underA, "row-1"));
	}

}

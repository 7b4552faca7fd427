package io.portico.admin.secret;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a re-encryption run did.
 *
 * @param keyId the id of the current key, which every re-encrypted value now names
 * @param reencrypted values rewritten under the current key (plain text, or under a
 * previous key)
 * @param alreadyCurrent values already under the current key, or with nothing secret
 * @param unreadable values no configured key decrypts, left as they were
 */
@Schema(description = "Counts of stored secrets by what re-encryption did with them.")
public record ReencryptResponse(
		@JsonProperty("key_id") @Schema(description = "Id of the current key (first 8 hex digits of its SHA-256).",
				example = "3fa9c01e") String keyId,
		@Schema(description = "Rewritten under the current key: they were in plain text or under a previous key.",
				example = "3") long reencrypted,
		@JsonProperty("already_current") @Schema(
				description = "Already under the current key, or nothing secret to encrypt.",
				example = "12") long alreadyCurrent,
		@Schema(description = "Not decryptable with any configured key; left as they were. Configure their key in"
				+ " `portico.secrets.previous-keys`, or send those secrets again.", example = "0") long unreadable) {

}

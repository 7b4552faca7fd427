package io.portico.gateway.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.portico.gateway.load.PublishedServiceRow;
import io.portico.gateway.load.RegistryConnectionRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The snapshot files: a round trip keeps every row; the newest becomes the previous
 * generation; a corrupted or truncated newest falls back to the previous one; both
 * corrupted, another group's or another database's snapshot is refused; nothing is left
 * behind but the two generations.
 */
class SnapshotStoreTests {

	private static final String SOURCE = "r2dbc:postgresql://db:5432/portico";

	@TempDir
	Path directory;

	@Test
	void writtenSnapshot_readsBackWithEveryRow_andEncryptedSecretsAsStored() throws IOException {
		SnapshotStore store = new SnapshotStore(this.directory, "default");
		ConfigSnapshot written = snapshot("default", 7);

		store.write(written);

		assertThat(store.readNewest(SOURCE)).contains(written);
		assertThat(Files.readString(store.newestFile())).startsWith("portico-snapshot 1 sha256=")
			.contains("enc:v1:c2VjcmV0");
	}

	@Test
	void secondWrite_keepsTheFirstAsThePreviousGeneration_andLeavesNoTemporaryFile() throws IOException {
		SnapshotStore store = new SnapshotStore(this.directory, "default");
		store.write(snapshot("default", 1));
		store.write(snapshot("default", 2));

		assertThat(store.readNewest(SOURCE)).map(ConfigSnapshot::revision).contains(2L);
		try (var files = Files.list(this.directory)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrder("default.snapshot",
					"default.snapshot.previous");
		}
		Files.delete(store.newestFile());
		assertThat(store.readNewest(SOURCE)).map(ConfigSnapshot::revision).contains(1L);
	}

	@Test
	void corruptedOrTruncatedNewest_fallsBackToThePreviousGeneration() throws IOException {
		SnapshotStore store = new SnapshotStore(this.directory, "default");
		store.write(snapshot("default", 1));
		store.write(snapshot("default", 2));
		byte[] bytes = Files.readAllBytes(store.newestFile());
		bytes[bytes.length - 20] ^= 0x01;
		Files.write(store.newestFile(), bytes);

		assertThat(store.readNewest(SOURCE)).map(ConfigSnapshot::revision).contains(1L);

		Files.write(store.newestFile(), Arrays.copyOf(bytes, bytes.length / 2));
		assertThat(store.readNewest(SOURCE)).map(ConfigSnapshot::revision).contains(1L);
	}

	@Test
	void bothGenerationsCorrupted_isNoSnapshot() throws IOException {
		SnapshotStore store = new SnapshotStore(this.directory, "default");
		store.write(snapshot("default", 1));
		store.write(snapshot("default", 2));
		Files.writeString(store.newestFile(), "not a snapshot");
		Files.writeString(store.previousFile(), "portico-snapshot 1 sha256=" + "0".repeat(64) + "\n{}");

		assertThat(store.readNewest(SOURCE)).isEmpty();
	}

	@Test
	void anotherGroupsOrAnotherDatabasesSnapshot_isRefused() throws IOException {
		SnapshotStore store = new SnapshotStore(this.directory, "default");
		store.write(snapshot("default", 3));
		Files.copy(store.newestFile(), this.directory.resolve("prod.snapshot"));

		assertThat(new SnapshotStore(this.directory, "prod").readNewest(SOURCE)).isEmpty();
		assertThat(store.readNewest("r2dbc:postgresql://other:5432/portico")).isEmpty();
	}

	@Test
	void groupNameOutsideSafeFileCharacters_getsItsOwnFile() throws IOException {
		SnapshotStore store = new SnapshotStore(this.directory, "../etc");
		store.write(snapshot("../etc", 1));

		assertThat(store.newestFile().getParent()).isEqualTo(this.directory);
		assertThat(store.readNewest(SOURCE)).isPresent();
	}

	private static ConfigSnapshot snapshot(String group, long revision) {
		return new ConfigSnapshot(group, revision, SOURCE, Instant.parse("2026-12-07T10:00:00Z"),
				List.of(new PublishedServiceRow("httpbin", "{\"upstream\":{\"nodes\":[]}}", "v-" + revision,
						"1.0." + revision, "httpbin", "http", "[{\"name\":\"r\",\"paths\":[\"/anything/*\"]}]")),
				List.of(new RegistryConnectionRow("nacos-1", "nacos", "nacos", "{\"address\":\"n:8848\"}",
						"{\"password\":\"enc:v1:c2VjcmV0\"}")));
	}

}

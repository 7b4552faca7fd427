package io.portico.gateway.snapshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.portico.gateway.load.PublishedServiceRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's snapshots: a reload that read only a new version's routes still writes a
 * whole snapshot; the same revision is not written twice; credentials and driver options
 * never reach the file.
 */
class LocalSnapshotsTests {

	private static final String URL = "r2dbc:postgresql://gateway:s3cret@db:5432/portico?schema=s1&password=x";

	@TempDir
	Path directory;

	@Test
	void reloadReadingOnlyTheNewVersionsRoutes_writesAWholeSnapshot() {
		SnapshotStore store = new SnapshotStore(this.directory, "default");
		LocalSnapshots snapshots = new LocalSnapshots(store, URL, Duration.ofSeconds(2),
				Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC), Runnable::run);
		PublishedServiceRow a = row("a", "va1", "[\"a1\"]");
		PublishedServiceRow b = row("b", "vb1", "[\"b1\"]");
		snapshots.applied("default", 1, List.of(a, b), List.of());

		// Revision 2 changes b only: a comes without its routes, as the reloader reads
		// it.
		snapshots.applied("default", 2, List.of(a.withoutRoutes(), row("b", "vb2", "[\"b2\"]")), List.of());

		ConfigSnapshot written = store.readNewest("r2dbc:postgresql://db:5432/portico?schema=s1").orElseThrow();
		assertThat(written.revision()).isEqualTo(2);
		assertThat(written.services()).extracting(PublishedServiceRow::routes).containsExactly("[\"a1\"]", "[\"b2\"]");
		assertThat(written.source()).doesNotContain("s3cret", "gateway@", "password");
	}

	@Test
	void sameRevisionAgain_isNotWrittenTwice_soThePreviousGenerationStaysOlder() throws Exception {
		SnapshotStore store = new SnapshotStore(this.directory, "default");
		LocalSnapshots snapshots = new LocalSnapshots(store, URL, Duration.ofSeconds(2), Clock.systemUTC(),
				Runnable::run);
		snapshots.applied("default", 1, List.of(row("a", "va1", "[\"a1\"]")), List.of());
		snapshots.applied("default", 2, List.of(row("a", "va2", "[\"a2\"]")), List.of());

		snapshots.applied("default", 2, List.of(row("a", "va2", null)), List.of());

		assertThat(store.readNewest(LocalSnapshots.source(URL))).map(ConfigSnapshot::revision).contains(2L);
		Files.delete(store.newestFile());
		assertThat(store.readNewest(LocalSnapshots.source(URL))).map(ConfigSnapshot::revision).contains(1L);
	}

	@Test
	void disabled_writesAndReadsNothing() {
		LocalSnapshots snapshots = LocalSnapshots.disabled();
		snapshots.applied("default", 1, List.of(row("a", "va1", "[]")), List.of());

		assertThat(snapshots.enabled()).isFalse();
		assertThat(snapshots.newest()).isEmpty();
	}

	private static PublishedServiceRow row(String service, String versionId, String routes) {
		return new PublishedServiceRow(service, "{}", versionId, "1.0.0", service, "http", routes);
	}

}

package io.portico.gateway.snapshot;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import io.portico.gateway.load.PublishedServiceRow;
import io.portico.gateway.load.RegistryConnectionRow;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A gateway's local snapshot: written after each revision it applies from the database,
 * read when it starts and the database does not answer in time.
 *
 * <p>
 * The reloader reads only the routes of versions it has not compiled yet, so this keeps
 * the routes of the versions served (by version id) to write whole snapshots. Called only
 * by the reloader, whose reloads are serialized.
 */
public class LocalSnapshots {

	private static final Log logger = LogFactory.getLog(LocalSnapshots.class);

	// user:password@ in a URL, and query options other than the schema.
	private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");

	private final SnapshotStore store;

	private final String source;

	private final Duration startupWait;

	private final Clock clock;

	private final Executor writer;

	private final AtomicReference<ConfigSnapshot> pending = new AtomicReference<>();

	private final Map<String, String> routesByVersion = new HashMap<>();

	private long written = -1;

	/**
	 * Creates the snapshots of a group.
	 * @param store the group's files, or {@code null} when snapshots are off
	 * @param databaseUrl the R2DBC URL the gateway reads (credentials are left out)
	 * @param startupWait how long the first database load may take before the snapshot is
	 * served
	 * @param clock the clock of {@code written_at}
	 */
	public LocalSnapshots(SnapshotStore store, String databaseUrl, Duration startupWait, Clock clock) {
		this(store, databaseUrl, startupWait, clock, Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "portico-snapshot-writer");
			thread.setDaemon(true);
			return thread;
		}));
	}

	/**
	 * Creates the snapshots of a group, written by the given executor.
	 * @param store the group's files, or {@code null} when snapshots are off
	 * @param databaseUrl the R2DBC URL the gateway reads (credentials are left out)
	 * @param startupWait how long the first database load may take before the snapshot is
	 * served
	 * @param clock the clock of {@code written_at}
	 * @param writer runs the writes (one at a time)
	 */
	public LocalSnapshots(SnapshotStore store, String databaseUrl, Duration startupWait, Clock clock, Executor writer) {
		this.store = store;
		this.source = source(databaseUrl);
		this.startupWait = startupWait;
		this.clock = clock;
		this.writer = writer;
	}

	/**
	 * Snapshots switched off: nothing written, nothing read.
	 * @return the no-op snapshots
	 */
	public static LocalSnapshots disabled() {
		return new LocalSnapshots(null, "", Duration.ZERO, Clock.systemUTC(), Runnable::run);
	}

	/**
	 * Whether snapshots are on.
	 * @return {@code true} when on
	 */
	public boolean enabled() {
		return this.store != null;
	}

	/**
	 * How long the first database load may take before the snapshot is served.
	 * @return the wait
	 */
	public Duration startupWait() {
		return this.startupWait;
	}

	/**
	 * Records what a reload read and applied; writes a snapshot when the revision is new.
	 * Never fails: a snapshot that cannot be written is logged, and serving goes on.
	 * @param group the gateway group
	 * @param revision the revision applied
	 * @param services the rows read, with routes for the versions read this time only
	 * @param registries the registry connections read
	 */
	public void applied(String group, long revision, List<PublishedServiceRow> services,
			List<RegistryConnectionRow> registries) {
		if (!enabled()) {
			return;
		}
		Set<String> served = new HashSet<>();
		List<PublishedServiceRow> whole = new ArrayList<>(services.size());
		boolean complete = true;
		for (PublishedServiceRow row : services) {
			remember(row.versionId(), row.routes());
			remember(row.canaryVersionId(), row.canaryRoutes());
			served.add(row.versionId());
			if (row.canaryVersionId() != null) {
				served.add(row.canaryVersionId());
			}
			try {
				whole.add(row.withRoutes(this.routesByVersion));
			}
			catch (IllegalStateException ex) {
				complete = false;
			}
		}
		this.routesByVersion.keySet().retainAll(served);
		if (revision == this.written) {
			return;
		}
		if (!complete) {
			// Cannot happen while every version is read once before it is compiled; a
			// partial snapshot would serve less than the group has, so none is written.
			logger.warn("Not writing the configuration snapshot of revision " + revision + " of gateway group '" + group
					+ "': the routes of some versions are not at hand");
			return;
		}
		// Written off the reload: forcing a file to disk can take a while on a busy disk,
		// and the next reload must not wait for it. Only the newest pending one is
		// written.
		this.written = revision;
		this.pending.set(new ConfigSnapshot(group, revision, this.source, this.clock.instant(), whole, registries));
		this.writer.execute(this::writePending);
	}

	private void writePending() {
		ConfigSnapshot snapshot = this.pending.getAndSet(null);
		if (snapshot == null) {
			return;
		}
		try {
			this.store.write(snapshot);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Cannot write the configuration snapshot " + this.store.newestFile() + " of gateway group '"
					+ snapshot.group() + "' (serving goes on): " + ex.getMessage());
		}
	}

	/**
	 * The newest valid snapshot of the group read from this database.
	 * @return the snapshot, or empty when off or when no file is valid
	 */
	public Optional<ConfigSnapshot> newest() {
		if (!enabled()) {
			return Optional.empty();
		}
		Optional<ConfigSnapshot> snapshot = this.store.readNewest(this.source);
		snapshot.ifPresent((found) -> {
			found.services().forEach((row) -> {
				remember(row.versionId(), row.routes());
				remember(row.canaryVersionId(), row.canaryRoutes());
			});
			this.written = found.revision();
		});
		return snapshot;
	}

	private void remember(String versionId, String routes) {
		if (versionId != null && routes != null) {
			this.routesByVersion.put(versionId, routes);
		}
	}

	/**
	 * The database a snapshot was read from, as recorded in it: the URL without user,
	 * password or options other than the schema.
	 * @param url the R2DBC URL
	 * @return the source
	 */
	static String source(String url) {
		String withoutUser = USER_INFO.matcher(url).replaceFirst("//");
		int query = withoutUser.indexOf('?');
		if (query < 0) {
			return withoutUser;
		}
		StringBuilder kept = new StringBuilder(withoutUser.substring(0, query));
		String separator = "?";
		for (String option : withoutUser.substring(query + 1).split("&")) {
			if (option.startsWith("schema=")) {
				kept.append(separator).append(option);
				separator = "&";
			}
		}
		return kept.toString();
	}

}

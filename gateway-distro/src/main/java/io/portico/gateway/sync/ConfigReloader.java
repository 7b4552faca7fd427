package io.portico.gateway.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portico.compiler.model.CompiledService;
import io.portico.compiler.model.DiscoveryUpstream;
import io.portico.gateway.canary.CompiledCanary;
import io.portico.gateway.discovery.DiscoveryEndpoints;
import io.portico.gateway.discovery.DiscoveryKey;
import io.portico.gateway.load.ConfigError;
import io.portico.gateway.load.GroupConfig;
import io.portico.gateway.load.PublishedConfigRepository;
import io.portico.gateway.load.PublishedServiceCompiler;
import io.portico.gateway.load.PublishedServiceRow;
import io.portico.gateway.load.RegistryConnectionRow;
import io.portico.gateway.route.PorticoRouteLocator;
import io.portico.gateway.route.RouteTable;
import io.portico.gateway.route.RouteTableFactory;
import io.portico.gateway.snapshot.LocalSnapshots;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Loads the group's published services and registry connections when its config revision
 * changes, compiles them, points the discovery watches at what the new table uses and
 * swaps the route table; publishes a {@link ConfigAppliedEvent} after each attempt.
 *
 * <p>
 * Reloads are serialized and coalesced ({@link CoalescingTrigger}): call
 * {@link #requestReload()} from anywhere, as often as needed. A row that cannot be served
 * is skipped, logged at WARN, counted in {@value #SKIPPED_METRIC} and reported (a canary
 * that cannot be served likewise, in {@value #CANARY_SKIPPED_METRIC}); when the database
 * cannot be read the last good table keeps serving. After each revision applied from the
 * database a local snapshot is written; a gateway that starts while the database does not
 * answer serves that snapshot (reported as {@link AppliedConfig#fromSnapshot()}) until
 * the database does.
 */
public class ConfigReloader {

	/** The counter of rows skipped by reloads. */
	public static final String SKIPPED_METRIC = "portico.gateway.routes.skipped";

	/** The counter of canaries dropped by reloads (their services are still served). */
	public static final String CANARY_SKIPPED_METRIC = "portico.gateway.canaries.skipped";

	private static final Log logger = LogFactory.getLog(ConfigReloader.class);

	private final String group;

	private final PublishedConfigRepository repository;

	private final PublishedServiceCompiler compiler;

	private final LocalSnapshots snapshots;

	private final RouteTableFactory tableFactory;

	private final DiscoveryEndpoints discovery;

	private final PorticoRouteLocator locator;

	private final ApplicationEventPublisher events;

	private final Counter skipped;

	private final Counter canariesSkipped;

	private final CoalescingTrigger trigger;

	// Compiling and building the table is CPU work: keep it off the database's threads.
	private final Scheduler scheduler = Schedulers.boundedElastic();

	// Only touched by reloads, which the trigger serializes.
	private AppliedConfig applied = AppliedConfig.NONE;

	private List<ConfigError> tableErrors = List.of();

	private boolean lastFailed;

	private boolean groupMissing;

	// How long the last load read and compiled, for the log line.
	private long[] loadNanos = { 0, 0 };

	public ConfigReloader(ConfigSource source, RouteTableFactory tableFactory, DiscoveryEndpoints discovery,
			PorticoRouteLocator locator, ApplicationEventPublisher events, MeterRegistry meters) {
		String group = source.group();
		this.group = group;
		this.repository = source.repository();
		this.compiler = source.compiler();
		this.snapshots = source.snapshots();
		this.tableFactory = tableFactory;
		this.discovery = discovery;
		this.locator = locator;
		this.events = events;
		this.skipped = Counter.builder(SKIPPED_METRIC)
			.description("Published services skipped because they cannot be served")
			.tag("group", group)
			.register(meters);
		this.canariesSkipped = Counter.builder(CANARY_SKIPPED_METRIC)
			.description("Canaries not applied because they cannot be served; their services serve the baseline")
			.tag("group", group)
			.register(meters);
		this.trigger = new CoalescingTrigger("reload of gateway group '" + group + "'", this::reloadOnce);
	}

	/**
	 * Asks for a reload; returns at once. The reload reads the revision and does nothing
	 * more when it is the one served.
	 */
	public void requestReload() {
		this.trigger.request();
	}

	/**
	 * What is served now.
	 * @return the applied configuration
	 */
	public synchronized AppliedConfig applied() {
		return this.applied;
	}

	private Mono<Void> reloadOnce() {
		Mono<Loaded> load = this.repository.findRevision(this.group)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((revision) -> {
				if (revision.isEmpty()) {
					if (this.groupMissing && !this.lastFailed) {
						return Mono.empty();
					}
					return Mono.just(
							new Loaded(
									new GroupConfig(0, List.of(),
											List.of(new ConfigError(null, null,
													"gateway group '" + this.group + "' does not exist"))),
									null, null));
				}
				long value = revision.get();
				AppliedConfig served = applied();
				if (served.loaded() && value == served.revision() && !this.lastFailed && !served.fromSnapshot()) {
					return Mono.empty();
				}
				long started = System.nanoTime();
				return this.repository.findPublishedServiceHeads(this.group)
					.collectList()
					.zipWith(this.repository.findRegistries(this.group).collectList())
					.flatMap((heads) -> withRoutes(heads.getT1(), heads.getT2()))
					.publishOn(this.scheduler)
					.map((rows) -> {
						long read = System.nanoTime();
						GroupConfig config = this.compiler.compile(this.group, value, rows.getT1(), rows.getT2());
						this.loadNanos = new long[] { read - started, System.nanoTime() - read };
						return new Loaded(config, rows.getT1(), rows.getT2());
					});
			});
		if (!applied().loaded() && this.snapshots.enabled()) {
			// Starting: a database that does not answer in time must not keep the gateway
			// from serving its snapshot.
			load = load.timeout(this.snapshots.startupWait());
		}
		return load.doOnNext((loaded) -> {
			apply(loaded.config(), false);
			if (loaded.services() != null) {
				this.snapshots.applied(this.group, loaded.config().revision(), loaded.services(), loaded.registries());
			}
		}).then().onErrorResume((ex) -> {
			failed(ex);
			return fromSnapshot();
		});
	}

	/** Serves the local snapshot when nothing has been served since start. */
	private Mono<Void> fromSnapshot() {
		if (applied().loaded() || !this.snapshots.enabled()) {
			return Mono.empty();
		}
		return Mono.fromCallable(() -> this.snapshots.newest())
			.subscribeOn(this.scheduler)
			.flatMap(Mono::justOrEmpty)
			.map((snapshot) -> {
				logger.warn("Serving config revision " + snapshot.revision() + " of gateway group '" + this.group
						+ "' from the local snapshot written at " + snapshot.writtenAt()
						+ " until the database answers");
				return this.compiler.compile(this.group, snapshot.revision(), snapshot.services(),
						snapshot.registries());
			})
			.doOnNext((config) -> apply(config, true))
			.switchIfEmpty(Mono.fromRunnable(() -> logger.warn("No configuration snapshot of gateway group '"
					+ this.group + "' to serve: not ready until the database answers")))
			.then();
	}

	// Only the versions the compiler has not compiled yet are read: a publish that
	// changes one service reads that service's routes, not the group's.
	private Mono<Tuple2<List<PublishedServiceRow>, List<RegistryConnectionRow>>> withRoutes(
			List<PublishedServiceRow> heads, List<RegistryConnectionRow> registries) {
		Set<String> versionIds = this.compiler.versionsToRead(this.group, heads, registries);
		if (versionIds.isEmpty()) {
			return Mono.just(Tuples.of(heads, registries));
		}
		return this.repository.findVersionRoutes(versionIds).map((routes) -> {
			List<PublishedServiceRow> rows = new ArrayList<>(heads.size());
			for (PublishedServiceRow head : heads) {
				boolean needed = versionIds.contains(head.versionId());
				rows.add(needed ? head.withRoutes(routes) : head);
			}
			return Tuples.of(rows, registries);
		});
	}

	private void apply(GroupConfig config, boolean fromSnapshot) {
		// Watches first: the new table's discovery services balance over their endpoints.
		this.discovery.update(config.registries(), discoveryKeys(config));
		long started = System.nanoTime();
		RouteTable table = this.tableFactory.buildTable(config.services(), config.canaries(), this.discovery::balancer);
		this.locator.replace(table);
		long built = System.nanoTime() - started;
		List<Route> routes = table.routes();
		for (ConfigError error : config.errors()) {
			if (error.isCanaryError()) {
				logger.warn("Serving service '" + error.serviceId() + "' version '" + error.version()
						+ "' in gateway group '" + this.group + "' without its canary: " + error.message());
				this.canariesSkipped.increment();
				continue;
			}
			if (error.serviceId() == null && error.serviceRegistryId() != null) {
				logger.warn("Skipping service registry '" + error.serviceRegistryId() + "' in gateway group '"
						+ this.group + "': " + error.message());
			}
			else {
				logger.warn("Skipping service '" + error.serviceId() + "' version '" + error.version()
						+ "' in gateway group '" + this.group + "': " + error.message());
			}
			this.skipped.increment();
		}
		logger.info("Applied config revision " + config.revision() + " of gateway group '" + this.group + "'"
				+ (fromSnapshot ? " from the local snapshot" : "") + ": " + config.services().size() + " services, "
				+ config.canaries().size() + " canaries, " + routes.size() + " routes, " + config.errors().size()
				+ " skipped (read " + millis(this.loadNanos[0]) + " ms, compiled " + millis(this.loadNanos[1])
				+ " ms, table built and indexed " + millis(built) + " ms)");
		this.lastFailed = false;
		this.groupMissing = config.errors().stream().anyMatch(ConfigError::isGroupError);
		this.tableErrors = config.errors();
		publish(new AppliedConfig(true, config.revision(), config.errors(), fromSnapshot));
	}

	private static String millis(long nanos) {
		return String.format(Locale.ROOT, "%.1f", nanos / 1_000_000.0);
	}

	private static Set<DiscoveryKey> discoveryKeys(GroupConfig config) {
		Set<DiscoveryKey> keys = new HashSet<>();
		for (CompiledService service : config.services()) {
			if (service.upstream().upstream() instanceof DiscoveryUpstream upstream) {
				keys.add(DiscoveryKey.of(upstream));
			}
		}
		for (CompiledCanary canary : config.canaries()) {
			// An upstream canary's registry service is watched like a runtime one.
			if (canary.upstream() != null && canary.upstream().upstream() instanceof DiscoveryUpstream upstream) {
				keys.add(DiscoveryKey.of(upstream));
			}
		}
		return keys;
	}

	private void failed(Throwable ex) {
		if (!this.lastFailed) {
			logger.warn("Cannot load gateway group '" + this.group + "', serving config revision "
					+ applied().revision() + ": " + ex.getMessage(), ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Still cannot load gateway group '" + this.group + "': " + ex.getMessage());
		}
		this.lastFailed = true;
		List<ConfigError> errors = new ArrayList<>(this.tableErrors);
		errors.add(new ConfigError(null, null, "cannot load the configuration: " + ex.getMessage()));
		AppliedConfig current = applied();
		publish(new AppliedConfig(current.loaded(), current.revision(), errors, current.fromSnapshot()));
	}

	/**
	 * A load from the database: the compiled group and the rows it was compiled from
	 * ({@code null} when the group does not exist).
	 */
	private record Loaded(GroupConfig config, List<PublishedServiceRow> services,
			List<RegistryConnectionRow> registries) {

	}

	private void publish(AppliedConfig config) {
		synchronized (this) {
			this.applied = config;
		}
		this.events.publishEvent(new ConfigAppliedEvent(this, config));
	}

}

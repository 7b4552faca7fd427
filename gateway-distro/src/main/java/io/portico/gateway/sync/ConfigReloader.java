package io.portico.gateway.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portico.gateway.load.ConfigError;
import io.portico.gateway.load.GroupConfig;
import io.portico.gateway.load.PublishedConfigRepository;
import io.portico.gateway.load.PublishedServiceCompiler;
import io.portico.gateway.route.PorticoRouteLocator;
import io.portico.gateway.route.RouteTableFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Loads the group's published services when its config revision changes, compiles them
 * and swaps the route table; publishes a {@link ConfigAppliedEvent} after each attempt.
 *
 * <p>
 * Reloads are serialized and coalesced ({@link CoalescingTrigger}): call
 * {@link #requestReload()} from anywhere, as often as needed. A row that cannot be served
 * is skipped, logged at WARN, counted in {@value #SKIPPED_METRIC} and reported; when the
 * database cannot be read the last good table keeps serving.
 */
public class ConfigReloader {

	/** The counter of rows skipped by reloads. */
	public static final String SKIPPED_METRIC = "portico.gateway.routes.skipped";

	private static final Log logger = LogFactory.getLog(ConfigReloader.class);

	private final String group;

	private final PublishedConfigRepository repository;

	private final PublishedServiceCompiler compiler;

	private final RouteTableFactory tableFactory;

	private final PorticoRouteLocator locator;

	private final ApplicationEventPublisher events;

	private final Counter skipped;

	private final CoalescingTrigger trigger;

	// Compiling and building the table is CPU work: keep it off the database's threads.
	private final Scheduler scheduler = Schedulers.boundedElastic();

	// Only touched by reloads, which the trigger serializes.
	private AppliedConfig applied = AppliedConfig.NONE;

	private List<ConfigError> tableErrors = List.of();

	private boolean lastFailed;

	private boolean groupMissing;

	/**
	 * Creates the reloader.
	 * @param group the gateway group
	 * @param repository reads the group's rows
	 * @param compiler compiles them
	 * @param tableFactory builds gateway routes
	 * @param locator serves the table
	 * @param events receives {@link ConfigAppliedEvent}
	 * @param meters registers {@value #SKIPPED_METRIC}
	 */
	public ConfigReloader(String group, PublishedConfigRepository repository, PublishedServiceCompiler compiler,
			RouteTableFactory tableFactory, PorticoRouteLocator locator, ApplicationEventPublisher events,
			MeterRegistry meters) {
		this.group = group;
		this.repository = repository;
		this.compiler = compiler;
		this.tableFactory = tableFactory;
		this.locator = locator;
		this.events = events;
		this.skipped = Counter.builder(SKIPPED_METRIC)
			.description("Published services skipped because they cannot be served")
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
		return this.repository.findRevision(this.group)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((revision) -> {
				if (revision.isEmpty()) {
					if (this.groupMissing && !this.lastFailed) {
						return Mono.empty();
					}
					return Mono.just(new GroupConfig(0, List.of(),
							List.of(new ConfigError(null, null, "gateway group '" + this.group + "' does not exist"))));
				}
				long value = revision.get();
				if (applied().loaded() && value == applied().revision() && !this.lastFailed) {
					return Mono.empty();
				}
				return this.repository.findPublishedServices(this.group)
					.collectList()
					.publishOn(this.scheduler)
					.map((rows) -> this.compiler.compile(this.group, value, rows));
			})
			.doOnNext(this::apply)
			.onErrorResume((ex) -> {
				failed(ex);
				return Mono.empty();
			})
			.then();
	}

	private void apply(GroupConfig config) {
		List<Route> routes = this.tableFactory.build(config.services());
		this.locator.replace(routes);
		for (ConfigError error : config.errors()) {
			logger.warn("Skipping service '" + error.serviceId() + "' version '" + error.version()
					+ "' in gateway group '" + this.group + "': " + error.message());
			this.skipped.increment();
		}
		logger.info("Applied config revision " + config.revision() + " of gateway group '" + this.group + "': "
				+ config.services().size() + " services, " + routes.size() + " routes, " + config.errors().size()
				+ " skipped");
		this.lastFailed = false;
		this.groupMissing = config.errors().stream().anyMatch((error) -> error.serviceId() == null);
		this.tableErrors = config.errors();
		publish(new AppliedConfig(true, config.revision(), config.errors()));
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
		publish(new AppliedConfig(current.loaded(), current.revision(), errors));
	}

	private void publish(AppliedConfig config) {
		synchronized (this) {
			this.applied = config;
		}
		this.events.publishEvent(new ConfigAppliedEvent(this, config));
	}

}

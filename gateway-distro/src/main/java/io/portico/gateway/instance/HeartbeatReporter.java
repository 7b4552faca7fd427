package io.portico.gateway.instance;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.portico.gateway.PorticoGatewayProperties;
import io.portico.gateway.discovery.DiscoveryChangedEvent;
import io.portico.gateway.discovery.DiscoveryEndpoints;
import io.portico.gateway.sync.AppliedConfig;
import io.portico.gateway.sync.CoalescingTrigger;
import io.portico.gateway.sync.SubscriptionLifecycle;
import io.portico.gateway.sync.ConfigAppliedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;

/**
 * Writes this instance's heartbeat row every heartbeat interval and right after each
 * reload, so that the admin sees the applied revision at once; also right after a
 * discovered service changes (endpoint count, stale or recovered).
 *
 * <p>
 * Writes are serialized and coalesced; a failed write is logged (once per outage) and
 * retried by the next beat.
 */
public class HeartbeatReporter extends SubscriptionLifecycle {

	private static final Log logger = LogFactory.getLog(HeartbeatReporter.class);

	private final GatewayInstanceRepository repository;

	private final PorticoGatewayProperties properties;

	private final DiscoveryEndpoints discovery;

	private final OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC);

	private final CoalescingTrigger trigger = new CoalescingTrigger("heartbeat", this::beatOnce);

	private volatile InstanceIdentity identity;

	private volatile AppliedConfig config = AppliedConfig.NONE;

	private volatile boolean failing;

	public HeartbeatReporter(GatewayInstanceRepository repository, PorticoGatewayProperties properties,
			DiscoveryEndpoints discovery) {
		this.repository = repository;
		this.properties = properties;
		this.discovery = discovery;
	}

	/**
	 * Reports a discovery change at once.
	 * @param event the change
	 */
	@EventListener
	public void onDiscoveryChanged(DiscoveryChangedEvent event) {
		this.trigger.request();
	}

	/**
	 * Learns the port once the server listens: the identity needs it.
	 * @param event the server event
	 */
	@EventListener
	public void onWebServerInitialized(WebServerInitializedEvent event) {
		if ("management".equals(event.getApplicationContext().getServerNamespace())) {
			return;
		}
		this.identity = InstanceIdentity.resolve(this.properties.instanceId(), this.properties.advertisedAddress(),
				event.getWebServer().getPort(), this.startedAt);
		logger.info("Gateway instance '" + this.identity.id() + "' of gateway group '" + this.properties.group()
				+ "' at " + this.identity.address());
	}

	/**
	 * Reports a reload at once.
	 * @param event the reload outcome
	 */
	@EventListener
	public void onConfigApplied(ConfigAppliedEvent event) {
		this.config = event.getConfig();
		this.trigger.request();
	}

	/**
	 * This instance, once the server listens.
	 * @return the identity, or {@code null} before
	 */
	public InstanceIdentity identity() {
		return this.identity;
	}

	private Mono<Void> beatOnce() {
		InstanceIdentity current = this.identity;
		if (current == null) {
			return Mono.empty();
		}
		return this.repository
			.heartbeat(current, this.properties.group(), this.config, this.discovery.statuses(),
					OffsetDateTime.now(ZoneOffset.UTC))
			.doOnSuccess((done) -> {
				if (this.failing) {
					logger.info("Heartbeat written again");
				}
				this.failing = false;
			})
			.onErrorResume((ex) -> {
				if (!this.failing) {
					logger.warn("Cannot write the heartbeat of instance '" + current.id() + "': " + ex.getMessage());
				}
				this.failing = true;
				return Mono.empty();
			});
	}

	@Override
	protected Disposable subscribe() {
		Duration interval = this.properties.heartbeatInterval();
		return Flux.interval(interval, interval).onBackpressureDrop().subscribe((tick) -> this.trigger.request());
	}

}

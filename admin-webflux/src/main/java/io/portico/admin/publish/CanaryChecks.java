package io.portico.admin.publish;

import io.portico.compiler.json.StoredFormat;
import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.RuntimeConfig;
import io.portico.compiler.model.Upstream;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Compiles the canary side of a published service the way its gateways will: a version
 * canary's routes with the service's runtime configuration, or the current routes with
 * the canary upstream in place of the runtime upstream.
 */
@Component
public class CanaryChecks {

	private final PublishCore core;

	private final PublishedRepository published;

	public CanaryChecks(PublishCore core, PublishedRepository published) {
		this.core = core;
		this.published = published;
	}

	/**
	 * Checks that a service's canary still compiles with the service's (new) runtime
	 * configuration.
	 * @param service the service with its new runtime configuration
	 * @param current the current version
	 * @return completion; 400 naming fields under {@code canary} when it does not compile
	 */
	public Mono<Void> checkWithRuntime(PublishedServiceRow service, PublishedVersionRow current) {
		if (!service.hasCanary()) {
			return Mono.empty();
		}
		CanarySpec canary = StoredFormat.readCanary(service.canary());
		if (canary.upstream() != null) {
			return compile(current, withUpstream(service.runtime(), canary.upstream()), "canary");
		}
		return this.published.findVersion(service.canaryVersionId())
			.flatMap((version) -> compile(version, service.runtime(), "canary"));
	}

	/**
	 * Compiles a version's routes with a runtime configuration, in the version's group.
	 * @param version the version
	 * @param runtime the runtime configuration
	 * @param at the prefix of fields in errors, empty for none
	 * @return completion; 400 naming the fields that do not compile
	 */
	public Mono<Void> compile(PublishedVersionRow version, RuntimeConfig runtime, String at) {
		return this.core.compile(version.gatewayGroupId(), version, runtime, at);
	}

	/**
	 * A runtime configuration with another upstream.
	 * @param runtime the runtime configuration
	 * @param upstream the upstream
	 * @return the copy
	 */
	public static RuntimeConfig withUpstream(RuntimeConfig runtime, Upstream upstream) {
		return new RuntimeConfig(upstream, runtime.hosts(), runtime.pathPrefix(), runtime.passHost(),
				runtime.upstreamHost(), runtime.timeout());
	}

}

package io.portico.admin.publish;

import io.portico.compiler.RouteCompilationException;
import io.portico.compiler.RouteCompiler;
import io.portico.compiler.json.StoredFormat;
import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.PublishedService;
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

	private final RouteCompiler compiler;

	private final PublishedRepository published;

	/**
	 * Creates the component.
	 * @param compiler the route compiler
	 * @param published the published tables
	 */
	public CanaryChecks(RouteCompiler compiler, PublishedRepository published) {
		this.compiler = compiler;
		this.published = published;
	}

	/**
	 * Checks that a service's canary still compiles with the service's (new) runtime
	 * configuration.
	 * @param service the service with its new runtime configuration
	 * @param current the current version
	 * @return completion; 400 naming fields under {@code canary} when it does not compile
	 */
	Mono<Void> checkWithRuntime(PublishedServiceRow service, PublishedVersionRow current) {
		if (!service.hasCanary()) {
			return Mono.empty();
		}
		CanarySpec canary = StoredFormat.readCanary(service.canary());
		if (canary.upstream() != null) {
			return Mono
				.fromRunnable(() -> compile(current, withUpstream(service.runtime(), canary.upstream()), "canary"));
		}
		return this.published.findVersion(service.canaryVersionId())
			.doOnNext((version) -> compile(version, service.runtime(), "canary"))
			.then();
	}

	/**
	 * Compiles a version's routes with a runtime configuration.
	 * @param version the version
	 * @param runtime the runtime configuration
	 * @param at the prefix of fields in errors, empty for none
	 * @throws io.portico.admin.web.ApiException 400 naming the fields that do not compile
	 */
	void compile(PublishedVersionRow version, RuntimeConfig runtime, String at) {
		try {
			this.compiler.compile(new PublishedService(version.gatewayGroupId(), version.serviceId(),
					version.serviceName(), version.version(), version.upstreamScheme(), version.routes(), runtime));
		}
		catch (RouteCompilationException ex) {
			throw RuntimeRequests.compileErrors(at, ex);
		}
	}

	/**
	 * A runtime configuration with another upstream.
	 * @param runtime the runtime configuration
	 * @param upstream the upstream
	 * @return the copy
	 */
	static RuntimeConfig withUpstream(RuntimeConfig runtime, Upstream upstream) {
		return new RuntimeConfig(upstream, runtime.hosts(), runtime.pathPrefix(), runtime.passHost(),
				runtime.upstreamHost(), runtime.timeout());
	}

}

package io.portico.gateway.canary;

import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.CompiledService;
import io.portico.compiler.model.UpstreamTarget;

/**
 * A canary of a published service, compiled for the route table: exactly one of an
 * upstream (an upstream canary) or the compiled routes of another version (a version
 * canary, route ids {@code <serviceId>@canary/<routeId>/<pathIndex>}).
 *
 * @param serviceId the service the canary belongs to
 * @param spec the canary as stored
 * @param upstream the canary upstream, normalized, with the service's scheme; or
 * {@code null}
 * @param version the canary version compiled with the service's runtime configuration; or
 * {@code null}
 */
public record CompiledCanary(String serviceId, CanarySpec spec, UpstreamTarget upstream, CompiledService version) {

	/** What a version canary's route ids start with after the service id. */
	public static final String ROUTE_ID_MARKER = "@canary";

	/**
	 * Whether this is a version canary.
	 * @return whether the canary side is another version
	 */
	public boolean isVersionCanary() {
		return this.version != null;
	}

}

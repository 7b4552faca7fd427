package io.portico.gateway.upstream;

/**
 * Keys of the route metadata Portico puts on each Spring Cloud Gateway route, and the
 * route URI scheme that hands a route to {@link UpstreamGlobalFilter}.
 */
public final class UpstreamMetadata {

	/** The route URI scheme of Portico routes: {@code portico://<serviceId>}. */
	public static final String SCHEME = "portico";

	/** Metadata key of the {@link io.portico.compiler.model.CompiledRoute}. */
	public static final String COMPILED_ROUTE = "portico.compiled-route";

	/** Metadata key of the service's {@link ServiceUpstream}. */
	public static final String SERVICE_UPSTREAM = "portico.service-upstream";

	/**
	 * Metadata key of the service's upstream canary
	 * ({@link io.portico.gateway.canary.CanarySideSelector} decides, this
	 * {@link ServiceUpstream} serves the canary side); absent without one.
	 */
	public static final String CANARY_UPSTREAM = "portico.canary-upstream";

	/** Metadata key of the {@link io.portico.gateway.canary.CanarySideSelector}. */
	public static final String CANARY_SELECTOR = "portico.canary-selector";

	/**
	 * Metadata key of the {@link io.portico.gateway.canary.CanarySide} a version canary's
	 * route serves; absent on routes of services without a version canary.
	 */
	public static final String CANARY_SIDE = "portico.canary-side";

	private UpstreamMetadata() {
	}

}

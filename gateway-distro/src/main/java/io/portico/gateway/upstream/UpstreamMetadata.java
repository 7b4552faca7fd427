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

	private UpstreamMetadata() {
	}

}

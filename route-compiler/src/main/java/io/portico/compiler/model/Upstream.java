package io.portico.compiler.model;

/**
 * Where a published service sends its requests: fixed nodes or a service registry.
 */
public sealed interface Upstream permits NodesUpstream, DiscoveryUpstream {

	/**
	 * The kind of upstream, as stored ({@code nodes} or {@code discovery}).
	 * @return the kind
	 */
	String kind();

}

package io.portico.compiler.model;

/**
 * A validated upstream with its scheme, shared by the routes of one compiled service.
 *
 * @param scheme {@code http} or {@code https}
 * @param upstream the nodes or the discovery reference, normalized
 */
public record UpstreamTarget(String scheme, Upstream upstream) {
}

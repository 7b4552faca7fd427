package io.portico.compiler.model;

/**
 * A canary of a published service: a second side that takes a weight share of the
 * requests that meet its conditions, for all routes of the service. The canary side is
 * another upstream or another published version of the same service; sticky hashing keeps
 * one client on one side.
 *
 * <p>
 * As in APISIX's traffic-split: a request that does not meet the conditions goes to the
 * baseline; one that does goes to the canary with probability {@code weight}/100
 * (exactly, by smooth weighting, or by the sticky key's hash).
 *
 * @param weight the canary's share, 0 to 100, of the requests that meet the conditions
 * @param conditions which requests may go to the canary; {@code null} for all
 * @param sticky what keeps a client on one side; {@code null} for no stickiness
 * @param upstream the canary upstream (an upstream canary), or {@code null}
 * @param version the canary version (a version canary), or {@code null}; exactly one of
 * the two is set
 */
public record CanarySpec(int weight, CanaryConditions conditions, CanarySticky sticky, Upstream upstream,
		String version) {

}

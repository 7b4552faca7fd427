package io.portico.compiler.model;

import java.util.List;

/**
 * An upstream of fixed nodes, balanced by weighted round robin.
 *
 * @param nodes the nodes, at least one with a weight above zero
 */
public record NodesUpstream(List<Node> nodes) implements Upstream {

	/** The stored kind of this upstream. */
	public static final String KIND = "nodes";

	public NodesUpstream {
		nodes = (nodes != null) ? List.copyOf(nodes) : List.of();
	}

	@Override
	public String kind() {
		return KIND;
	}

}

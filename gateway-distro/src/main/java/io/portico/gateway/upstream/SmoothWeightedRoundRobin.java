package io.portico.gateway.upstream;

import java.util.ArrayList;
import java.util.List;

import io.portico.compiler.model.Node;

/**
 * Nginx's smooth weighted round robin over a fixed set of nodes: deterministic, spreads
 * the heavier nodes evenly (weights 5, 1, 1 give {@code a a b a c a a}, not
 * {@code a a a a a b c}), and never picks a node of weight 0.
 *
 * <p>
 * Thread-safe; one instance per service and route table, so that every route of a service
 * shares the rotation. Example: <pre>
 * SmoothWeightedRoundRobin wrr = new SmoothWeightedRoundRobin(nodes);
 * Node next = wrr.next();
 * </pre>
 */
public final class SmoothWeightedRoundRobin implements UpstreamBalancer {

	private final Node[] nodes;

	private final int[] weights;

	private final long[] current;

	private final long total;

	public SmoothWeightedRoundRobin(List<Node> nodes) {
		List<Node> eligible = new ArrayList<>();
		for (Node node : nodes) {
			if (node.weight() > 0) {
				eligible.add(node);
			}
		}
		this.nodes = eligible.toArray(new Node[0]);
		this.weights = new int[this.nodes.length];
		long sum = 0;
		for (int i = 0; i < this.nodes.length; i++) {
			this.weights[i] = this.nodes[i].weight();
			sum += this.weights[i];
		}
		this.current = new long[this.nodes.length];
		this.total = sum;
	}

	/**
	 * Picks the next node.
	 * @return the node, or {@code null} when no node has a weight above zero
	 */
	@Override
	public Node next() {
		if (this.nodes.length == 0) {
			return null;
		}
		if (this.nodes.length == 1) {
			return this.nodes[0];
		}
		// The rotation state is a handful of longs: a short lock is cheaper than a
		// lock-free scheme and keeps the sequence exactly nginx's.
		synchronized (this.current) {
			int best = 0;
			for (int i = 0; i < this.nodes.length; i++) {
				this.current[i] += this.weights[i];
				if (this.current[i] > this.current[best]) {
					best = i;
				}
			}
			this.current[best] -= this.total;
			return this.nodes[best];
		}
	}

	/**
	 * The nodes that can be chosen.
	 * @return the nodes of weight above zero, in their given order
	 */
	public List<Node> eligibleNodes() {
		return List.of(this.nodes);
	}

}

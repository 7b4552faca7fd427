package io.portico.gateway.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.portico.compiler.model.PathMatch;

/**
 * The routes of one host in a {@link RouteIndex}, by path: exact paths in a hash map,
 * templates and prefixes in a segment trie.
 *
 * <p>
 * Mutable only while one edit of the index owns it: an edit copies an index or node the
 * first time it touches it (recording the copy in its {@code owned} set) and mutates the
 * copy afterwards; what it did not create is never mutated, so the previous index stays
 * intact for the lookups still using it.
 */
final class PathIndex {

	private final Map<String, IndexedRoute[]> exact;

	private Node root;

	private PathIndex(Map<String, IndexedRoute[]> exact, Node root) {
		this.exact = exact;
		this.root = root;
	}

	static PathIndex empty() {
		return new PathIndex(Map.of(), new Node());
	}

	/**
	 * The index itself when this edit owns it, else a copy the edit owns.
	 * @param index the index, or {@code null} for a new one
	 * @param owned what the edit created
	 * @return an index the edit may mutate
	 */
	static PathIndex own(PathIndex index, Set<Object> owned) {
		if (index == null) {
			PathIndex created = new PathIndex(new HashMap<>(), new Node());
			owned.add(created);
			owned.add(created.root);
			return created;
		}
		if (owned.contains(index)) {
			return index;
		}
		PathIndex copy = new PathIndex(new HashMap<>(index.exact), index.root);
		owned.add(copy);
		return copy;
	}

	static boolean indexable(PathMatch path) {
		return path.kind() == PathMatch.Kind.EXACT || path.pattern().startsWith("/");
	}

	boolean isEmpty() {
		return this.exact.isEmpty() && this.root.isEmpty();
	}

	void collect(String path, String[] segments, List<IndexedRoute> found) {
		IndexedRoute[] exactEntries = this.exact.get(path);
		if (exactEntries != null) {
			Collections.addAll(found, exactEntries);
		}
		if (segments != null) {
			walk(this.root, segments, 0, found);
		}
	}

	private static void walk(Node node, String[] segments, int depth, List<IndexedRoute> found) {
		addAll(found, node.prefixes);
		if (depth == segments.length) {
			addAll(found, node.terminals);
			return;
		}
		addAll(found, node.remainders);
		if (!node.literals.isEmpty()) {
			Node child = node.literals.get(segments[depth]);
			if (child != null) {
				walk(child, segments, depth + 1, found);
			}
		}
		if (node.parameter != null && !segments[depth].isEmpty()) {
			walk(node.parameter, segments, depth + 1, found);
		}
	}

	private static void addAll(List<IndexedRoute> found, IndexedRoute[] entries) {
		if (entries != null) {
			Collections.addAll(found, entries);
		}
	}

	/**
	 * Adds an entry; this index must be owned by the edit.
	 * @param entry the entry, with an {@link #indexable(PathMatch) indexable} path
	 * @param owned what the edit created
	 */
	void add(IndexedRoute entry, Set<Object> owned) {
		PathMatch path = entry.compiled().path();
		if (path.kind() == PathMatch.Kind.EXACT) {
			this.exact.put(path.pattern(), append(this.exact.get(path.pattern()), entry));
			return;
		}
		Node node = ownNode(this.root, owned);
		this.root = node;
		for (Step step : steps(path)) {
			if (step.parameter()) {
				node.parameter = ownNode(node.parameter, owned);
				node = node.parameter;
			}
			else {
				Node child = ownNode(node.literals.get(step.literal()), owned);
				node.literals.put(step.literal(), child);
				node = child;
			}
		}
		Slot slot = slot(path);
		node.set(slot, append(node.get(slot), entry));
	}

	/**
	 * Removes an entry; this index must be owned by the edit.
	 * @param entry the entry
	 * @param owned what the edit created
	 */
	void remove(IndexedRoute entry, Set<Object> owned) {
		PathMatch path = entry.compiled().path();
		if (path.kind() == PathMatch.Kind.EXACT) {
			IndexedRoute[] left = without(this.exact.get(path.pattern()), entry);
			if (left == null) {
				this.exact.remove(path.pattern());
			}
			else {
				this.exact.put(path.pattern(), left);
			}
			return;
		}
		Node root = removeAlong(this.root, steps(path), 0, slot(path), entry, owned);
		this.root = (root != null) ? root : ownNode(null, owned);
	}

	// Removes the entry from the node at the end of the steps; returns the node (copied
	// when touched) or null when it became empty, so that its parent drops it.
	private static Node removeAlong(Node node, List<Step> steps, int depth, Slot slot, IndexedRoute entry,
			Set<Object> owned) {
		if (node == null) {
			return null;
		}
		Node own = ownNode(node, owned);
		if (depth == steps.size()) {
			own.set(slot, without(own.get(slot), entry));
		}
		else {
			Step step = steps.get(depth);
			if (step.parameter()) {
				own.parameter = removeAlong(own.parameter, steps, depth + 1, slot, entry, owned);
			}
			else {
				Node child = removeAlong(own.literals.get(step.literal()), steps, depth + 1, slot, entry, owned);
				if (child == null) {
					own.literals.remove(step.literal());
				}
				else {
					own.literals.put(step.literal(), child);
				}
			}
		}
		return own.isEmpty() ? null : own;
	}

	private static Node ownNode(Node node, Set<Object> owned) {
		if (node != null && owned.contains(node)) {
			return node;
		}
		Node copy = new Node();
		if (node != null) {
			copy.literals.putAll(node.literals);
			copy.parameter = node.parameter;
			copy.prefixes = node.prefixes;
			copy.terminals = node.terminals;
			copy.remainders = node.remainders;
		}
		owned.add(copy);
		return copy;
	}

	private static List<Step> steps(PathMatch path) {
		String pattern = path.pattern();
		List<Step> steps = new ArrayList<>();
		if (path.kind() == PathMatch.Kind.PREFIX) {
			// "/a/b/x" matches paths whose segments start a, b, then one starting with x:
			// store it where the walk has matched a and b
			String directory = pattern.substring(0, pattern.lastIndexOf('/'));
			if (!directory.isEmpty()) {
				for (String segment : directory.substring(1).split("/", -1)) {
					steps.add(new Step(segment, false));
				}
			}
			return steps;
		}
		String body = pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 2) : pattern;
		for (String segment : templateSegments(body)) {
			steps.add(isParameter(segment) ? new Step(null, true) : new Step(segment, false));
		}
		return steps;
	}

	// The same segmentation as PorticoRequestMatcher's templates.
	private static String[] templateSegments(String path) {
		if (path.isEmpty() || path.equals("/")) {
			return new String[] { "" };
		}
		return path.substring(1).split("/", -1);
	}

	// A segment with a parameter anywhere in it ({id}, {name}.{ext}) walks the parameter
	// branch; the route's matcher then checks the literal text around the parameters.
	private static boolean isParameter(String segment) {
		return segment.indexOf('{') >= 0;
	}

	private static Slot slot(PathMatch path) {
		if (path.kind() == PathMatch.Kind.PREFIX) {
			return Slot.PREFIXES;
		}
		return path.pattern().endsWith("/*") ? Slot.REMAINDERS : Slot.TERMINALS;
	}

	private static IndexedRoute[] append(IndexedRoute[] entries, IndexedRoute entry) {
		if (entries == null) {
			return new IndexedRoute[] { entry };
		}
		IndexedRoute[] longer = Arrays.copyOf(entries, entries.length + 1);
		longer[entries.length] = entry;
		return longer;
	}

	// The entries without this one; null when none is left.
	private static IndexedRoute[] without(IndexedRoute[] entries, IndexedRoute entry) {
		if (entries == null) {
			return null;
		}
		List<IndexedRoute> left = new ArrayList<>(entries.length);
		for (IndexedRoute candidate : entries) {
			if (candidate != entry) {
				left.add(candidate);
			}
		}
		return left.isEmpty() ? null : left.toArray(IndexedRoute.NONE);
	}

	/**
	 * One step of a trie walk: a literal segment or a parameter.
	 *
	 * @param literal the segment, or {@code null} for a parameter
	 * @param parameter whether the step is a parameter
	 */
	private record Step(String literal, boolean parameter) {

	}

	/**
	 * Where in a node a route ends.
	 */
	private enum Slot {

		PREFIXES, TERMINALS, REMAINDERS

	}

	/**
	 * One node of the segment trie. Mutable only while an edit owns it.
	 */
	private static final class Node {

		private final Map<String, Node> literals = new HashMap<>(4);

		private Node parameter;

		private IndexedRoute[] prefixes;

		private IndexedRoute[] terminals;

		private IndexedRoute[] remainders;

		IndexedRoute[] get(Slot slot) {
			return switch (slot) {
				case PREFIXES -> this.prefixes;
				case TERMINALS -> this.terminals;
				case REMAINDERS -> this.remainders;
			};
		}

		void set(Slot slot, IndexedRoute[] entries) {
			switch (slot) {
				case PREFIXES -> this.prefixes = entries;
				case TERMINALS -> this.terminals = entries;
				case REMAINDERS -> this.remainders = entries;
			}
		}

		boolean isEmpty() {
			return this.literals.isEmpty() && this.parameter == null && this.prefixes == null && this.terminals == null
					&& this.remainders == null;
		}

	}

}

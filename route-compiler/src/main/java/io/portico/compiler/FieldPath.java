package io.portico.compiler;

/**
 * The one way field paths are built, as the admin API's JSON names them
 * ({@code routes[0].paths[1]}, {@code upstream.nodes[0].port},
 * {@code routes[0].labels.team}): the compiler, the stored format and the admin all name
 * fields with it, so a field is spelled the same wherever it is reported. <pre>
 * FieldPath.join("upstream", FieldPath.index("nodes", 0)); // upstream.nodes[0]
 * FieldPath.join("", "weight"); // weight
 * </pre>
 */
public final class FieldPath {

	private FieldPath() {
	}

	/**
	 * A child under a parent path.
	 * @param parent the parent path, {@code ""} for the top level
	 * @param child the child path, {@code ""} for the parent itself, or an index such as
	 * {@code [2]}
	 * @return {@code parent.child}, {@code parent[2]}, or whichever side is not empty
	 */
	public static String join(String parent, String child) {
		if (parent.isEmpty()) {
			return child;
		}
		if (child.isEmpty()) {
			return parent;
		}
		return child.startsWith("[") ? parent + child : parent + "." + child;
	}

	/**
	 * An element of an array.
	 * @param path the array's path
	 * @param index the element's index
	 * @return {@code path[index]}
	 */
	public static String index(String path, int index) {
		return path + "[" + index + "]";
	}

	/**
	 * An entry of a JSON object used as a map (labels). The key is free text, not a path,
	 * so it is appended as it is, even when empty or starting with {@code [}.
	 * @param path the map's path
	 * @param key the key
	 * @return {@code path.key}
	 */
	public static String key(String path, String key) {
		return path + "." + key;
	}

}

package io.portico.admin.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Splits bulk reads and writes into statements of bounded size: an {@code in (…)} list or
 * a multi-row insert binds one parameter per value, and drivers cap the parameters of a
 * statement (PostgreSQL at 65,535).
 */
public final class Chunks {

	/** Values per {@code in (…)} list. */
	public static final int IN_LIST = 1000;

	private Chunks() {
	}

	/**
	 * The values in consecutive chunks.
	 * @param <T> the value type
	 * @param values the values
	 * @param size the largest chunk
	 * @return the chunks, none for no values
	 */
	public static <T> List<List<T>> of(Collection<T> values, int size) {
		List<T> all = List.copyOf(values);
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < all.size(); from += size) {
			chunks.add(all.subList(from, Math.min(all.size(), from + size)));
		}
		return chunks;
	}

}

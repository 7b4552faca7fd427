package io.portico.admin.declarative;

import java.util.Map;

/**
 * What a sync may touch in its gateway group: services whose template labels hold every
 * pair of the selector (all services when it is empty); and whether services in that
 * scope that the file does not list are unpublished.
 *
 * @param selector label pairs, such as {@code team=payments}
 * @param delete whether to unpublish services of the scope the file does not list
 */
public record DeclarativeScope(Map<String, String> selector, boolean delete) {

	/**
	 * Whether labels are in the scope.
	 * @param labels a service's labels
	 * @return {@code true} when they hold every pair of the selector
	 */
	public boolean selects(Map<String, String> labels) {
		return this.selector.entrySet().stream().allMatch((pair) -> pair.getValue().equals(labels.get(pair.getKey())));
	}

}

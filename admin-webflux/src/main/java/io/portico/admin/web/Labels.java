package io.portico.admin.web;

import java.util.Map;

/**
 * Checks the free key/value labels every object carries.
 */
public final class Labels {

	private static final int MAX_KEY = 100;

	private static final int MAX_VALUE = 1000;

	private Labels() {
	}

	/**
	 * Returns the labels, or none, after checking keys and values.
	 * @param labels the labels from the request, possibly {@code null}
	 * @param field the JSON path of the labels
	 * @return the labels, never {@code null}
	 * @throws ApiException naming the first bad label
	 */
	public static Map<String, String> checked(Map<String, String> labels, String field) {
		if (labels == null) {
			return Map.of();
		}
		for (Map.Entry<String, String> label : labels.entrySet()) {
			if (label.getKey().isBlank() || label.getKey().length() > MAX_KEY) {
				throw ApiException.badRequest(field, "keys must be 1 to " + MAX_KEY + " characters");
			}
			if (label.getValue() == null) {
				throw ApiException.badRequest(field + "." + label.getKey(), "must not be null");
			}
			if (label.getValue().length() > MAX_VALUE) {
				throw ApiException.badRequest(field + "." + label.getKey(),
						"must be at most " + MAX_VALUE + " characters");
			}
		}
		return labels;
	}

}

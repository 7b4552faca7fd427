package io.portico.admin.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One page of a list.
 *
 * @param <T> the item type
 * @param list the items of the requested page
 * @param total the number of items over all pages
 */
@Schema(description = "One page of a list.")
public record ListResponse<T>(@Schema(description = "The items of the requested page.") List<T> list,
		@Schema(description = "Number of items over all pages.", example = "1") long total) {

	/**
	 * Creates the page.
	 * @param list the items
	 * @param total the number of items over all pages
	 */
	public ListResponse {
		list = List.copyOf(list);
	}

}

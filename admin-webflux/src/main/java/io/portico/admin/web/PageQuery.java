package io.portico.admin.web;

/**
 * The {@code page} (1-based) and {@code page_size} query parameters of a list request.
 *
 * @param page the page number, from 1
 * @param pageSize items per page, 1 to {@value #MAX_PAGE_SIZE}
 */
public record PageQuery(int page, int pageSize) {

	/** Page size when none is given. */
	public static final int DEFAULT_PAGE_SIZE = 20;

	/** The largest page size accepted. */
	public static final int MAX_PAGE_SIZE = 500;

	/**
	 * Validates the query parameters.
	 * @param page the page number, {@code null} for the first
	 * @param pageSize the page size, {@code null} for the default
	 * @return the query
	 * @throws ApiException naming {@code page} or {@code page_size} when out of range
	 */
	public static PageQuery of(Integer page, Integer pageSize) {
		int p = (page != null) ? page : 1;
		int size = (pageSize != null) ? pageSize : DEFAULT_PAGE_SIZE;
		if (p < 1) {
			throw ApiException.badRequest("page", "must be 1 or more");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw ApiException.badRequest("page_size", "must be between 1 and " + MAX_PAGE_SIZE);
		}
		return new PageQuery(p, size);
	}

	/**
	 * The number of items before this page.
	 * @return the offset
	 */
	public long offset() {
		return (long) (this.page - 1) * this.pageSize;
	}

}

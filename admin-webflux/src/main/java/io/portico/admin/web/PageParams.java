package io.portico.admin.web;

import io.swagger.v3.oas.annotations.Parameter;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.web.bind.annotation.BindParam;

/**
 * The paging query parameters of every list endpoint, {@code page} and {@code page_size},
 * bound as one value. Validated by {@link #query()}.
 *
 * <p>
 * Example: <pre>
 * Mono&lt;ListResponse&lt;X&gt;&gt; list(&#64;ParameterObject PageParams paging) {
 *     return Mono.fromSupplier(paging::query).flatMap(service::list);
 * }
 * </pre>
 *
 * @param page the page number, from 1; {@code null} for the first
 * @param pageSize items per page; {@code null} for {@value PageQuery#DEFAULT_PAGE_SIZE}
 */
@ParameterObject
public record PageParams(
		@Parameter(name = "page", description = "Page number, from 1.", example = "1") @BindParam("page") Integer page,
		@Parameter(name = "page_size", description = "Items per page, 1 to 500.",
				example = "20") @BindParam("page_size") Integer pageSize) {

	/**
	 * Validates the parameters.
	 * @return the page
	 * @throws ApiException naming {@code page} or {@code page_size} when out of range
	 */
	public PageQuery query() {
		return PageQuery.of(this.page, this.pageSize);
	}

}

package io.portico.admin.template.route;

import java.time.OffsetDateTime;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A row of {@code template_route} as Spring Data maps it; paths, methods and labels stay
 * JSON text here and become lists and a map in {@link TemplateRouteRow}.
 * {@code row_version} is the optimistic lock: an insert writes 0 ({@code null} before),
 * an update writes n + 1 where it is n.
 *
 * @param id the route id
 * @param templateId the template it belongs to
 * @param name unique within the template
 * @param paths paths as JSON text
 * @param methods methods as JSON text
 * @param description free text
 * @param labels labels as JSON text
 * @param position order within the template
 * @param createdAt creation time
 * @param updatedAt last edit time
 * @param rowVersion the row version, {@code null} for a new row
 */
@Table("template_route")
record TemplateRouteEntity(@Id String id, String templateId, String name, String paths, String methods,
		String description, String labels, int position, OffsetDateTime createdAt, OffsetDateTime updatedAt,
		@Version Long rowVersion) {

}

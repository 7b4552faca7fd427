package io.portico.admin.template;

import java.time.OffsetDateTime;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A row of {@code service_template} as Spring Data maps it; labels stay JSON text here
 * and become a map in {@link ServiceTemplateRow}. {@code row_version} is the optimistic
 * lock: an insert writes 0 ({@code null} before), an update writes n + 1 where it is n.
 *
 * @param id the id
 * @param name the unique name
 * @param type {@code http}
 * @param upstreamScheme {@code http} or {@code https}
 * @param description free text
 * @param labels labels as JSON text
 * @param createdAt creation time
 * @param updatedAt last edit time
 * @param rowVersion the row version, {@code null} for a new row
 */
@Table("service_template")
record ServiceTemplateEntity(@Id String id, String name, String type, String upstreamScheme, String description,
		String labels, OffsetDateTime createdAt, OffsetDateTime updatedAt, @Version Long rowVersion) {

}

package io.portico.admin.template;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A row of table {@code service_template}.
 *
 * @param id the id, also the service id of its published versions
 * @param name the unique name
 * @param type {@code http}
 * @param upstreamScheme {@code http} or {@code https}
 * @param description free text
 * @param labels free key/value labels
 * @param createdAt creation time
 * @param updatedAt last edit time
 * @param rowVersion optimistic lock
 */
public record ServiceTemplateRow(String id, String name, String type, String upstreamScheme, String description,
		Map<String, String> labels, OffsetDateTime createdAt, OffsetDateTime updatedAt, long rowVersion) {

	/**
	 * Creates the row.
	 * @param id the id, also the service id of its published versions
	 * @param name the unique name
	 * @param type {@code http}
	 * @param upstreamScheme {@code http} or {@code https}
	 * @param description free text
	 * @param labels free key/value labels
	 * @param createdAt creation time
	 * @param updatedAt last edit time
	 * @param rowVersion optimistic lock
	 */
	public ServiceTemplateRow {
		labels = Map.copyOf(labels);
	}

}

package io.portico.admin.group;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A row of table {@code gateway_group}.
 *
 * @param id the id
 * @param name the unique name
 * @param description free text
 * @param labels free key/value labels
 * @param configRevision grows with every change to what the group serves
 * @param createdAt creation time
 * @param updatedAt last edit time
 * @param rowVersion optimistic lock
 */
public record GatewayGroupRow(String id, String name, String description, Map<String, String> labels,
		long configRevision, OffsetDateTime createdAt, OffsetDateTime updatedAt, long rowVersion) {

	/**
	 * Creates the row.
	 * @param id the id
	 * @param name the unique name
	 * @param description free text
	 * @param labels free key/value labels
	 * @param configRevision grows with every change to what the group serves
	 * @param createdAt creation time
	 * @param updatedAt last edit time
	 * @param rowVersion optimistic lock
	 */
	public GatewayGroupRow {
		labels = Map.copyOf(labels);
	}

}

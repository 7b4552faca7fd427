package io.portico.admin.group;

import java.time.OffsetDateTime;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A row of {@code gateway_group} as Spring Data maps it; labels stay JSON text here and
 * become a map in {@link GatewayGroupRow}. Not versioned through {@code @Version}: an
 * update changes only what an operator edits, never {@code config_revision}, which
 * publishes bump concurrently (see {@link GatewayGroupRepository#update}).
 *
 * @param id the id
 * @param name the unique name
 * @param description free text
 * @param labels labels as JSON text
 * @param configRevision the revision gateways follow
 * @param createdAt creation time
 * @param updatedAt last edit time
 * @param rowVersion the optimistic lock of operator edits
 */
@Table("gateway_group")
record GatewayGroupEntity(@Id String id, String name, String description, String labels, long configRevision,
		OffsetDateTime createdAt, OffsetDateTime updatedAt, long rowVersion) {

}

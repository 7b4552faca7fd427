package io.portico.admin.publish.history;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;

/**
 * Body of {@code POST /api/gateway_groups/{gg}/services/{service_id}/rollback}.
 *
 * @param version the version of this group's history to serve again
 */
@Schema(description = "The earlier version to serve again.")
public record RollbackRequest(@Schema(description = "A version of this service in this group's history.",
		example = "1.0.0", requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank String version) {

}

package io.portico.admin.publish;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;

/**
 * Body of {@code PUT /api/gateway_groups/{gg}/services/{service_id}/runtime}: the whole
 * runtime configuration of a published service in the group. Nodes stay nodes and
 * discovery stays discovery.
 *
 * @param runtime the upstream (required, of the same kind as now) and the other runtime
 * fields, flat on the wire
 */
@Schema(description = "The runtime configuration of a published service in a group; replaces the current one. The"
		+ " upstream keeps its kind (nodes or discovery): switching is done with a canary.",
		requiredProperties = "upstream")
public record RuntimeRequest(@JsonUnwrapped @Valid RuntimeFields runtime) {

	/**
	 * Reads absent runtime fields as none given.
	 */
	public RuntimeRequest {
		runtime = (runtime != null) ? runtime : RuntimeFields.NONE;
	}

}

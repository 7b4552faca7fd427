package io.portico.admin.publish.canary;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST …/canary/finish}.
 *
 * @param side {@code canary} or {@code baseline}: the side that becomes the baseline
 */
@Schema(description = "Which side becomes the baseline when the canary ends.")
public record CanaryFinishRequest(@Schema(
		description = "`canary`: the canary upstream becomes the runtime upstream (a version canary's version becomes"
				+ " current); `baseline`: the service stays as it is, like an abort.",
		example = "canary", allowableValues = {
				"canary", "baseline" },
		requiredMode = Schema.RequiredMode.REQUIRED) String side){

}

package io.portico.admin.template.route;

import java.util.List;
import java.util.Map;

import io.portico.admin.web.Ids;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code POST/PUT /api/services/template/{id}/routes}.
 *
 * @param id optional id on create; a random UUID when absent
 * @param name unique within the template
 * @param paths the paths it matches
 * @param methods the methods it matches; empty or absent for all
 * @param description free text
 * @param labels free key/value labels
 */
@Schema(description = "A route of a service template to create or update.")
public record TemplateRouteRequest(
		@Schema(description = "Id, on create only; a random UUID when absent.",
				example = "getting-started-anything") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
		@Schema(description = "Name, unique within the template.", example = "getting-started-anything",
				requiredMode = Schema.RequiredMode.REQUIRED) @NotNull String name,
		@ArraySchema(
				schema = @Schema(description = "A path: `/exact`, `/prefix/*` or `/users/{id}`.",
						example = "/anything/*"),
				arraySchema = @Schema(description = "Paths the route matches; at least one.",
						requiredMode = Schema.RequiredMode.REQUIRED)) @NotNull List<String> paths,
		@ArraySchema(schema = @Schema(description = "An upper-case HTTP method.", example = "GET"),
				arraySchema = @Schema(description = "Methods the route matches; empty for all.")) List<String> methods,
		@Schema(description = "Free text.", example = "Echoes the request") String description,
		@Schema(description = "Free key/value labels.",
				example = "{\"team\": \"platform\"}") Map<String, String> labels) {

}

package io.portico.admin.template.route;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A route of a service template as the API returns it.
 *
 * @param id the route id
 * @param name unique within the template
 * @param paths the paths it matches
 * @param methods the methods it matches; empty for all
 * @param description free text
 * @param labels free key/value labels
 * @param createdAt creation time
 * @param updatedAt last edit time
 */
@Schema(description = "A route of a service template.")
public record TemplateRouteResponse(@Schema(description = "Route id.", example = "getting-started-anything") String id,
		@Schema(description = "Name, unique within the template.", example = "getting-started-anything") String name,
		@Schema(description = "Paths the route matches.", example = "[\"/anything/*\"]") List<String> paths,
		@Schema(description = "Methods the route matches; empty for all.", example = "[\"GET\"]") List<String> methods,
		@Schema(description = "Free text.", example = "Echoes the request") String description,
		@Schema(description = "Free key/value labels.",
				example = "{\"team\": \"platform\"}") Map<String, String> labels,
		@JsonProperty("created_at") @Schema(description = "Creation time (UTC).",
				example = "2025-01-01T12:00:00Z") OffsetDateTime createdAt,
		@JsonProperty("updated_at") @Schema(description = "Last edit time (UTC).",
				example = "2025-01-01T12:00:00Z") OffsetDateTime updatedAt) {

	static TemplateRouteResponse of(TemplateRouteRow row) {
		return new TemplateRouteResponse(row.id(), row.name(), row.paths(), row.methods(), row.description(),
				row.labels(), row.createdAt(), row.updatedAt());
	}

}

package io.portico.admin.imports;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.portico.admin.template.ServiceTemplateResponse;
import io.portico.admin.web.ApiFieldError;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Result of {@code POST /api/services/template/import}.
 *
 * @param template the template as it is now
 * @param created whether the import created it
 * @param routes what happened to its routes
 * @param suggestedNodes upstream nodes from the document's servers
 * @param warnings what the import left out or changed
 */
@Schema(description = "The template an OpenAPI import created or synchronized, and what changed.")
public record ImportResponse(@Schema(description = "The template as it is now.") ServiceTemplateResponse template,
		@Schema(description = "Whether the import created the template (201) or synchronized an existing one (200).",
				example = "true") boolean created,
		@Schema(description = "What the import did to the template's routes.") RouteChangesResponse routes,
		@JsonProperty("suggested_nodes") @ArraySchema(schema = @Schema(
				description = "A node from the document's servers.")) List<SuggestedNodeResponse> suggestedNodes,
		@ArraySchema(schema = @Schema(
				description = "Something left out or changed, with its location in the document.")) List<ApiFieldError> warnings) {

	/**
	 * Creates the response.
	 * @param template the template as it is now
	 * @param created whether the import created it
	 * @param routes what happened to its routes
	 * @param suggestedNodes upstream nodes from the document's servers
	 * @param warnings what the import left out or changed
	 */
	public ImportResponse {
		suggestedNodes = List.copyOf(suggestedNodes);
		warnings = List.copyOf(warnings);
	}

}

package io.portico.admin.template;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.portico.admin.web.Ids;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST/PUT /api/services/template}.
 *
 * @param id optional id on create; a random UUID when absent
 * @param name the unique name
 * @param type {@code http} (the default); {@code stream} is not supported yet
 * @param upstreamScheme {@code http} (the default) or {@code https}
 * @param description free text
 * @param labels free key/value labels
 */
@Schema(description = "A service template to create or update.")
public record ServiceTemplateRequest(
		@Schema(description = "Id, on create only; a random UUID when absent.",
				example = "httpbin") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
		@Schema(description = "Unique name.", example = "httpbin",
				requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 100) String name,
		@Schema(description = "Service type: `http` (layer 7). `stream` is not supported yet.", example = "http",
				defaultValue = "http") String type,
		@JsonProperty("upstream_scheme") @Schema(description = "Scheme towards the upstream: `http` or `https`.",
				example = "http", defaultValue = "http") String upstreamScheme,
		@Schema(description = "Free text.",
				example = "httpbin, for trying things out") @Size(max = 2000) String description,
		@Schema(description = "Free key/value labels.",
				example = "{\"team\": \"platform\"}") Map<String, String> labels) {

}

package io.portico.admin.group;

import java.util.Map;

import io.portico.admin.web.Ids;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST/PUT /api/gateway_groups}.
 *
 * @param id optional id on create; a random UUID when absent
 * @param name the unique name
 * @param description free text
 * @param labels free key/value labels
 */
@Schema(description = "A gateway group to create or update.")
public record GatewayGroupRequest(
		@Schema(description = "Id, on create only; a random UUID when absent.",
				example = "test") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
		@Schema(description = "Unique name.", example = "test",
				requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 100) String name,
		@Schema(description = "Free text.",
				example = "Gateways of the test environment") @Size(max = 2000) String description,
		@Schema(description = "Free key/value labels.", example = "{\"env\": \"test\"}") Map<String, String> labels) {

}

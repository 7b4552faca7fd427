package io.portico.admin.imports;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an import did to a template's routes, by route name.
 *
 * @param added routes created
 * @param updated routes whose paths, methods, description or labels changed
 * @param removed routes deleted because the document no longer has them
 * @param unchanged how many routes were already as the document says
 */
@Schema(description = "What the import did to the template's routes, by route name.")
public record RouteChangesResponse(
		@ArraySchema(schema = @Schema(description = "Name of a route created.", example = "addPet")) List<String> added,
		@ArraySchema(schema = @Schema(description = "Name of a route changed.",
				example = "getPetById")) List<String> updated,
		@ArraySchema(schema = @Schema(description = "Name of a route deleted (absent from the document).",
				example = "legacyPets")) List<String> removed,
		@Schema(description = "Number of routes already as the document describes them.",
				example = "17") int unchanged) {

	/**
	 * Creates the response.
	 * @param added routes created
	 * @param updated routes changed
	 * @param removed routes deleted
	 * @param unchanged how many routes were left as they were
	 */
	public RouteChangesResponse {
		added = List.copyOf(added);
		updated = List.copyOf(updated);
		removed = List.copyOf(removed);
	}

}

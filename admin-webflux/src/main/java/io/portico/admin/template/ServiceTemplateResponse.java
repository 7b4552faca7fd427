package io.portico.admin.template;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A service template as the API returns it.
 *
 * @param id the id
 * @param name the unique name
 * @param type {@code http}
 * @param upstreamScheme {@code http} or {@code https}
 * @param description free text
 * @param labels free key/value labels
 * @param createdAt creation time
 * @param updatedAt last edit time
 * @param lastPublished last time any version was published, or {@code null}
 * @param publishedIn the groups it is published in
 */
@Schema(description = "A service template of the Service Hub: an editable draft, not reachable through any gateway.")
public record ServiceTemplateResponse(@Schema(description = "Id (the service id).", example = "httpbin") String id,
		@Schema(description = "Unique name.", example = "httpbin") String name,
		@Schema(description = "Service type.", example = "http") String type,
		@JsonProperty("upstream_scheme") @Schema(description = "Scheme towards the upstream.",
				example = "http") String upstreamScheme,
		@Schema(description = "Free text.", example = "httpbin, for trying things out") String description,
		@Schema(description = "Free key/value labels.",
				example = "{\"team\": \"platform\"}") Map<String, String> labels,
		@JsonProperty("created_at") @Schema(description = "Creation time (UTC).",
				example = "2025-01-01T12:00:00Z") OffsetDateTime createdAt,
		@JsonProperty("updated_at") @Schema(description = "Last edit time (UTC).",
				example = "2025-01-01T12:00:00Z") OffsetDateTime updatedAt,
		@JsonProperty("last_published") @Schema(
				description = "Last time a version was published to any group; null if never.",
				example = "2025-01-01T12:30:00Z") OffsetDateTime lastPublished,
		@JsonProperty("published_in") @Schema(
				description = "Gateway groups where the service is published, with the current version.") List<PublishedIn> publishedIn) {

	/**
	 * Creates the response.
	 * @param id the id
	 * @param name the unique name
	 * @param type {@code http}
	 * @param upstreamScheme {@code http} or {@code https}
	 * @param description free text
	 * @param labels free key/value labels
	 * @param createdAt creation time
	 * @param updatedAt last edit time
	 * @param lastPublished last time any version was published, or {@code null}
	 * @param publishedIn the groups it is published in
	 */
	public ServiceTemplateResponse {
		publishedIn = List.copyOf(publishedIn);
	}

}

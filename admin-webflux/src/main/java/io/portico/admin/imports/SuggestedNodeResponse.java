package io.portico.admin.imports;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An upstream node suggested by the document's servers.
 *
 * @param scheme {@code http} or {@code https}
 * @param host the host
 * @param port the port
 */
@Schema(description = "An upstream node taken from the document's servers, for the publish form; not applied.")
public record SuggestedNodeResponse(@Schema(description = "Scheme of the server URL.", example = "https") String scheme,
		@Schema(description = "Host of the server URL.", example = "petstore3.swagger.io") String host,
		@Schema(description = "Port of the server URL; 80 or 443 when it has none.", example = "443") int port) {

	static SuggestedNodeResponse of(SuggestedNode node) {
		return new SuggestedNodeResponse(node.scheme(), node.host(), node.port());
	}

}

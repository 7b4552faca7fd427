package io.portico.admin.imports;

/**
 * An upstream node taken from a document's {@code servers} (or Swagger 2.0 {@code host}
 * and {@code schemes}), offered for the publish form; never applied by itself.
 *
 * @param scheme {@code http} or {@code https}
 * @param host the host name or address
 * @param port the port, 80 or 443 when the URL has none
 */
public record SuggestedNode(String scheme, String host, int port) {

}

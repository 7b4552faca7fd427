package io.portico.gateway.load;

/**
 * One published service of the group joined with its current version, as read from the
 * database; JSON columns are kept as text.
 *
 * @param serviceId {@code published_service.service_id}
 * @param runtime {@code published_service.runtime} (stored JSON)
 * @param versionId {@code published_version.id}
 * @param version {@code published_version.version}
 * @param serviceName {@code published_version.service_name}
 * @param upstreamScheme {@code published_version.upstream_scheme}
 * @param routes {@code published_version.routes} (stored JSON)
 */
public record PublishedServiceRow(String serviceId, String runtime, String versionId, String version,
		String serviceName, String upstreamScheme, String routes) {

}

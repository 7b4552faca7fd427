package io.portico.gateway.load;

/**
 * One published service of the group joined with its current version and, for a version
 * canary, its canary version, as read from the database; JSON columns are kept as text.
 *
 * @param serviceId {@code published_service.service_id}
 * @param runtime {@code published_service.runtime} (stored JSON)
 * @param versionId {@code published_version.id}
 * @param version {@code published_version.version}
 * @param serviceName {@code published_version.service_name}
 * @param upstreamScheme {@code published_version.upstream_scheme}
 * @param routes {@code published_version.routes} (stored JSON)
 * @param canary {@code published_service.canary} (stored JSON), or {@code null}
 * @param canaryVersionId {@code published_service.canary_version_id}, or {@code null}
 * @param canaryVersion the canary version's {@code version}, or {@code null}
 * @param canaryUpstreamScheme the canary version's {@code upstream_scheme}, or
 * {@code null}
 * @param canaryRoutes the canary version's {@code routes} (stored JSON), or {@code null}
 */
public record PublishedServiceRow(String serviceId, String runtime, String versionId, String version,
		String serviceName, String upstreamScheme, String routes, String canary, String canaryVersionId,
		String canaryVersion, String canaryUpstreamScheme, String canaryRoutes) {

	/**
	 * A row without a canary.
	 * @param serviceId {@code published_service.service_id}
	 * @param runtime {@code published_service.runtime} (stored JSON)
	 * @param versionId {@code published_version.id}
	 * @param version {@code published_version.version}
	 * @param serviceName {@code published_version.service_name}
	 * @param upstreamScheme {@code published_version.upstream_scheme}
	 * @param routes {@code published_version.routes} (stored JSON)
	 */
	public PublishedServiceRow(String serviceId, String runtime, String versionId, String version, String serviceName,
			String upstreamScheme, String routes) {
		this(serviceId, runtime, versionId, version, serviceName, upstreamScheme, routes, null, null, null, null, null);
	}

}

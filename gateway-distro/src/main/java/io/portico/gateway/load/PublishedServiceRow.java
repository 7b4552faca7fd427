package io.portico.gateway.load;

import java.util.Map;

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

	/**
	 * This row without the routes of its versions: what identifies its outcome, since a
	 * published version's routes never change.
	 * @return the row with {@code routes} and {@code canaryRoutes} {@code null}
	 */
	public PublishedServiceRow withoutRoutes() {
		return (this.routes == null && this.canaryRoutes == null) ? this
				: new PublishedServiceRow(this.serviceId, this.runtime, this.versionId, this.version, this.serviceName,
						this.upstreamScheme, null, this.canary, this.canaryVersionId, this.canaryVersion,
						this.canaryUpstreamScheme, null);
	}

	/**
	 * This row with the routes of its versions.
	 * @param routesByVersionId stored routes JSON by {@code published_version} id
	 * @return the row with {@code routes} (and {@code canaryRoutes} for a canary version)
	 * filled in
	 * @throws IllegalStateException when a version's routes are missing (the version was
	 * deleted meanwhile)
	 */
	public PublishedServiceRow withRoutes(Map<String, String> routesByVersionId) {
		String current = routesByVersionId.get(this.versionId);
		String canaryVersionRoutes = (this.canaryVersionId != null) ? routesByVersionId.get(this.canaryVersionId)
				: null;
		if (current == null || (this.canaryVersionId != null && canaryVersionRoutes == null)) {
			throw new IllegalStateException("the published versions of service '" + this.serviceId
					+ "' changed while they were read; reading again");
		}
		return new PublishedServiceRow(this.serviceId, this.runtime, this.versionId, this.version, this.serviceName,
				this.upstreamScheme, current, this.canary, this.canaryVersionId, this.canaryVersion,
				this.canaryUpstreamScheme, canaryVersionRoutes);
	}

}

package io.portico.admin.publish;

import java.time.OffsetDateTime;
import java.util.List;

import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;

/**
 * A row of table {@code published_version}: an immutable snapshot.
 *
 * @param id the version id
 * @param gatewayGroupId the group it was published to
 * @param serviceId the template id
 * @param serviceName the template name at publish time
 * @param serviceType the template type at publish time
 * @param upstreamScheme the template's upstream scheme at publish time
 * @param version the version string
 * @param routes the template's routes at publish time
 * @param runtime the runtime configuration it was published with
 * @param description notes on the version
 * @param publishedBy who published it
 * @param publishedAt when
 */
public record PublishedVersionRow(String id, String gatewayGroupId, String serviceId, String serviceName,
		String serviceType, String upstreamScheme, String version, List<RouteSpec> routes, RuntimeConfig runtime,
		String description, String publishedBy, OffsetDateTime publishedAt) {

	/**
	 * Creates the row.
	 * @param id the version id
	 * @param gatewayGroupId the group it was published to
	 * @param serviceId the template id
	 * @param serviceName the template name at publish time
	 * @param serviceType the template type at publish time
	 * @param upstreamScheme the template's upstream scheme at publish time
	 * @param version the version string
	 * @param routes the template's routes at publish time
	 * @param runtime the runtime configuration it was published with
	 * @param description notes on the version
	 * @param publishedBy who published it
	 * @param publishedAt when
	 */
	public PublishedVersionRow {
		routes = List.copyOf(routes);
	}

}

package io.portico.admin.publish;

import java.util.List;

/**
 * The runtime fields a publish, a promotion and {@code PUT …/runtime} share: where
 * requests go and how. The three request bodies keep these as flat JSON fields (their
 * shape is the API) and hand them to the core as one value.
 *
 * @param upstream nodes or discovery, or {@code null}
 * @param hosts request hosts the service answers, or {@code null}
 * @param pathPrefix prefix before every route path, or {@code null}
 * @param passHost {@code pass}, {@code node} or {@code rewrite}, or {@code null}
 * @param upstreamHost the {@code Host} sent with {@code rewrite}, or {@code null}
 * @param timeout connect and read timeouts in seconds, or {@code null}
 */
public record RuntimeFields(PublishRequest.Upstream upstream, List<String> hosts, String pathPrefix, String passHost,
		String upstreamHost, PublishRequest.Timeout timeout) {

	/**
	 * Whether any field is given.
	 * @return {@code true} when at least one field is not {@code null}
	 */
	public boolean isGiven() {
		return this.upstream != null || this.hosts != null || this.pathPrefix != null || this.passHost != null
				|| this.upstreamHost != null || this.timeout != null;
	}

}

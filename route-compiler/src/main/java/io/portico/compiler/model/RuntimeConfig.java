package io.portico.compiler.model;

import java.util.List;

/**
 * Runtime configuration of a published service in one gateway group: everything outside
 * the version.
 *
 * @param upstream where requests go: nodes or service discovery
 * @param hosts the request hosts the service answers ({@code api.example.com},
 * {@code *.example.com}); empty for any host
 * @param pathPrefix a prefix put before every route path and stripped before forwarding;
 * empty for none
 * @param passHost which {@code Host} the upstream receives; {@code null} means
 * {@link PassHost#PASS}
 * @param upstreamHost the {@code Host} sent when {@code passHost} is
 * {@link PassHost#REWRITE}
 * @param timeout connect and read timeouts; {@code null} parts take the defaults
 */
public record RuntimeConfig(Upstream upstream, List<String> hosts, String pathPrefix, PassHost passHost,
		String upstreamHost, Timeouts timeout) {

	public RuntimeConfig {
		hosts = (hosts != null) ? List.copyOf(hosts) : List.of();
		pathPrefix = (pathPrefix != null) ? pathPrefix : "";
		passHost = (passHost != null) ? passHost : PassHost.PASS;
		timeout = (timeout != null) ? timeout : new Timeouts(null, null);
	}

}

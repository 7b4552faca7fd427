package io.portico.gateway.instance;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Who this gateway instance is, as the admin lists it.
 *
 * @param id the instance id
 * @param hostname the host name
 * @param address the address the admin shows ({@code ip:port})
 * @param softwareVersion the gateway version, from the jar manifest, or {@code unknown}
 * @param startedAt when the instance started (UTC)
 */
public record InstanceIdentity(String id, String hostname, String address, String softwareVersion,
		OffsetDateTime startedAt) {

	private static final int MAX_ID = 128;

	/**
	 * Resolves the identity, taking configured values where given. Looks up the local
	 * host name, so call it off event loops.
	 * @param configuredId the configured instance id, or empty
	 * @param configuredAddress the configured advertised address, or empty
	 * @param port the port the gateway listens on
	 * @param startedAt when the instance started
	 * @return the identity
	 */
	public static InstanceIdentity resolve(String configuredId, String configuredAddress, int port,
			OffsetDateTime startedAt) {
		String hostname = localHostname();
		String id = (configuredId != null && !configuredId.isBlank()) ? configuredId
				: hostname + "-" + port + "-" + UUID.randomUUID().toString().substring(0, 8);
		if (id.length() > MAX_ID) {
			id = id.substring(id.length() - MAX_ID);
		}
		String address = (configuredAddress != null && !configuredAddress.isBlank()) ? configuredAddress
				: localAddress() + ":" + port;
		return new InstanceIdentity(id, hostname, address, manifestVersion(), startedAt);
	}

	static String manifestVersion() {
		String version = InstanceIdentity.class.getPackage().getImplementationVersion();
		return (version != null && !version.isBlank()) ? version : "unknown";
	}

	private static String localHostname() {
		String env = System.getenv("HOSTNAME");
		if (env != null && !env.isBlank()) {
			return env;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

	private static String localAddress() {
		try {
			return InetAddress.getLocalHost().getHostAddress();
		}
		catch (UnknownHostException ex) {
			return "127.0.0.1";
		}
	}

}

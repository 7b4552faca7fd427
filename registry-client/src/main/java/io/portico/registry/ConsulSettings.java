package io.portico.registry;

/**
 * How to reach a Consul agent or server.
 *
 * @param address the HTTP address ({@code http://127.0.0.1:8500})
 * @param token an ACL token (secret); empty for none
 * @param datacenter the datacenter; empty for the agent's own
 */
public record ConsulSettings(String address, @Secret String token, String datacenter) implements RegistrySettings {

	public ConsulSettings {
		address = (address != null) ? address : "";
		token = (token != null) ? token : "";
		datacenter = (datacenter != null) ? datacenter : "";
	}

	@Override
	public String toString() {
		return SecretScrubber.describe(this);
	}

}

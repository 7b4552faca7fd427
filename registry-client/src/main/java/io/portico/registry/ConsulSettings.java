package io.portico.registry;

import java.util.Map;

/**
 * How to reach a Consul agent or server.
 *
 * @param address the HTTP address ({@code http://127.0.0.1:8500})
 * @param token an ACL token (secret); empty for none
 * @param datacenter the datacenter; empty for the agent's own
 */
public record ConsulSettings(String address, String token, String datacenter) implements RegistrySettings {

	public ConsulSettings {
		address = (address != null) ? address : "";
		token = (token != null) ? token : "";
		datacenter = (datacenter != null) ? datacenter : "";
	}

	@Override
	public RegistryType type() {
		return RegistryType.CONSUL;
	}

	@Override
	public Map<String, String> secrets() {
		return Map.of("token", this.token);
	}

	@Override
	public String toString() {
		return "ConsulSettings[address=" + this.address + ", token=" + SecretScrubber.mask(this.token) + ", datacenter="
				+ this.datacenter + "]";
	}

}

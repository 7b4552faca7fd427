package io.portico.registry;

import java.util.Map;

/**
 * How to reach a Nacos server.
 *
 * @param address the server address ({@code 127.0.0.1:8848} or
 * {@code http://127.0.0.1:8848})
 * @param username the user when authentication is on; empty otherwise
 * @param password the password (secret); empty otherwise
 * @param namespaceId the Nacos namespace id; empty for {@code public}
 * @param group the default group of services; empty for {@code DEFAULT_GROUP}
 */
public record NacosSettings(String address, String username, String password, String namespaceId,
		String group) implements RegistrySettings {

	public NacosSettings {
		address = (address != null) ? address : "";
		username = (username != null) ? username : "";
		password = (password != null) ? password : "";
		namespaceId = (namespaceId != null) ? namespaceId : "";
		group = (group != null) ? group : "";
	}

	@Override
	public RegistryType type() {
		return RegistryType.NACOS;
	}

	@Override
	public Map<String, String> secrets() {
		return Map.of("password", this.password);
	}

	@Override
	public String toString() {
		return "NacosSettings[address=" + this.address + ", username=" + this.username + ", password="
				+ SecretScrubber.mask(this.password) + ", namespaceId=" + this.namespaceId + ", group=" + this.group
				+ "]";
	}

}

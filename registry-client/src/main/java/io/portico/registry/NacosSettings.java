package io.portico.registry;

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
public record NacosSettings(String address, String username, @Secret String password, String namespaceId,
		String group) implements RegistrySettings {

	public NacosSettings {
		address = (address != null) ? address : "";
		username = (username != null) ? username : "";
		password = (password != null) ? password : "";
		namespaceId = (namespaceId != null) ? namespaceId : "";
		group = (group != null) ? group : "";
	}

	@Override
	public String toString() {
		return SecretScrubber.describe(this);
	}

}

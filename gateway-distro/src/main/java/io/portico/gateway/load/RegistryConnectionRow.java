package io.portico.gateway.load;

/**
 * One registry connection of the group as read from {@code service_registry}; JSON
 * columns are kept as text. {@link #toString()} leaves the secrets out.
 *
 * @param id {@code service_registry.id}
 * @param name {@code service_registry.name}
 * @param type {@code service_registry.type}
 * @param settings {@code service_registry.settings} (non-secret JSON)
 * @param secrets {@code service_registry.secrets} (JSON with the secrets)
 */
public record RegistryConnectionRow(String id, String name, String type, String settings, String secrets) {

	@Override
	public String toString() {
		return "RegistryConnectionRow[id=" + this.id + ", name=" + this.name + ", type=" + this.type + ", settings="
				+ this.settings + ", secrets=******]";
	}

}

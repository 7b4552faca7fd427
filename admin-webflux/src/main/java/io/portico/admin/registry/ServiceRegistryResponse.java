package io.portico.admin.registry;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.portico.registry.ConsulSettings;
import io.portico.registry.EurekaSettings;
import io.portico.registry.KubernetesSettings;
import io.portico.registry.NacosSettings;
import io.portico.registry.RegistrySettings;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A registry connection as the API returns it: the block of its type without secrets
 * (only whether one is set), and its live status.
 *
 * @param id the id
 * @param gatewayGroupId the group
 * @param name the name
 * @param type the registry type
 * @param description free text
 * @param kubernetes the Kubernetes block, for that type only
 * @param consul the Consul block, for that type only
 * @param eureka the Eureka block, for that type only
 * @param nacos the Nacos block, for that type only
 * @param status {@code connecting}, {@code healthy} or {@code unhealthy}
 * @param lastError why the last check failed, or {@code null}
 * @param lastCheckedAt when the last check ended, or {@code null}
 * @param createdAt creation time
 * @param updatedAt last edit time
 * @param secretsReadable whether the stored secrets decrypt with the configured keys
 */
@Schema(description = "A service registry connection of a gateway group, with its live status. Secrets are never"
		+ " returned: `token_set` / `password_set` say whether one is stored.")
public record ServiceRegistryResponse(@Schema(description = "Id.", example = "registry-for-test") String id,
		@JsonProperty("gateway_group_id") @Schema(description = "Gateway group.",
				example = "default") String gatewayGroupId,
		@Schema(description = "Name, unique in the group.", example = "k8s-test") String name,
		@Schema(description = "Registry type.", example = "kubernetes", allowableValues = {
				"kubernetes", "consul", "eureka", "nacos" }) String type,
		@Schema(description = "Free text.", example = "The test cluster's API server") String description,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Schema(
				description = "Kubernetes connection (type `kubernetes`).") KubernetesView kubernetes,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Schema(
				description = "Consul connection (type `consul`).") ConsulView consul,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Schema(
				description = "Eureka connection (type `eureka`).") EurekaView eureka,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Schema(
				description = "Nacos connection (type `nacos`).") NacosView nacos,
		@Schema(description = "`connecting` until the first check, then `healthy` or `unhealthy`.", example = "healthy",
				allowableValues = { "connecting", "healthy", "unhealthy" }) String status,
		@JsonProperty("last_error") @Schema(description = "Why the last check failed; null when it succeeded.",
				example = "connection refused") String lastError,
		@JsonProperty("last_checked_at") @Schema(
				description = "When the last check ended (UTC); null before the first.",
				example = "2025-01-01T12:00:10Z") OffsetDateTime lastCheckedAt,
		@JsonProperty("created_at") @Schema(description = "Creation time (UTC).",
				example = "2025-01-01T12:00:00Z") OffsetDateTime createdAt,
		@JsonProperty("updated_at") @Schema(description = "Last edit time (UTC).",
				example = "2025-01-01T12:00:00Z") OffsetDateTime updatedAt,
		@JsonProperty("secrets_readable") @Schema(
				description = "Whether the stored secrets decrypt with the admin's key (`portico.secrets.key`). False"
						+ " after the key was changed without the old one in `portico.secrets.previous-keys`: the"
						+ " connection is then `unhealthy` until its secret is sent again or the old key is configured.",
				example = "true") boolean secretsReadable){

	static ServiceRegistryResponse of(ServiceRegistryRow row) {
		RegistrySettings settings = row.settings();
		KubernetesView kubernetes = null;
		ConsulView consul = null;
		EurekaView eureka = null;
		NacosView nacos = null;
		if (settings instanceof KubernetesSettings k) {
			kubernetes = new KubernetesView(k.apiServer(), !k.token().isEmpty());
		}
		else if (settings instanceof ConsulSettings c) {
			consul = new ConsulView(c.address(), c.datacenter(), !c.token().isEmpty());
		}
		else if (settings instanceof EurekaSettings e) {
			eureka = new EurekaView(e.serviceUrls());
		}
		else if (settings instanceof NacosSettings n) {
			nacos = new NacosView(n.address(), n.username(), n.namespaceId(), n.group(), !n.password().isEmpty());
		}
		return new ServiceRegistryResponse(row.id(), row.gatewayGroupId(), row.name(), row.type().jsonValue(),
				row.description(), kubernetes, consul, eureka, nacos, row.status(), row.lastError(),
				row.lastCheckedAt(), row.createdAt(), row.updatedAt(), row.secretsReadable());
	}

	/**
	 * A Kubernetes connection without its token.
	 *
	 * @param apiServer the API server URL; empty for in-cluster
	 * @param tokenSet whether a token is stored
	 */
	@Schema(description = "A Kubernetes connection.")
	public record KubernetesView(
			@JsonProperty("api_server") @Schema(description = "API server URL; empty for in-cluster.",
					example = "https://10.0.0.1:6443") String apiServer,
			@JsonProperty("token_set") @Schema(description = "Whether a bearer token is stored.",
					example = "true") boolean tokenSet) {

	}

	/**
	 * A Consul connection without its token.
	 *
	 * @param address the HTTP address
	 * @param datacenter the datacenter; empty for the agent's own
	 * @param tokenSet whether an ACL token is stored
	 */
	@Schema(description = "A Consul connection.")
	public record ConsulView(@Schema(description = "HTTP address.", example = "http://127.0.0.1:8500") String address,
			@Schema(description = "Datacenter; empty for the agent's own.", example = "dc1") String datacenter,
			@JsonProperty("token_set") @Schema(description = "Whether an ACL token is stored.",
					example = "true") boolean tokenSet) {

	}

	/**
	 * A Eureka connection.
	 *
	 * @param serviceUrls the service URLs
	 */
	@Schema(description = "A Eureka connection.")
	public record EurekaView(@JsonProperty("service_urls") @ArraySchema(
			schema = @Schema(description = "A Eureka service URL.", example = "http://127.0.0.1:8761/eureka/"),
			arraySchema = @Schema(description = "Service URLs, tried in order.")) List<String> serviceUrls) {

		/**
		 * Creates the view.
		 * @param serviceUrls the service URLs
		 */
		public EurekaView {
			serviceUrls = List.copyOf(serviceUrls);
		}

	}

	/**
	 * A Nacos connection without its password.
	 *
	 * @param address the server address
	 * @param username the user; empty without authentication
	 * @param namespaceId the namespace id; empty for {@code public}
	 * @param group the default group; empty for {@code DEFAULT_GROUP}
	 * @param passwordSet whether a password is stored
	 */
	@Schema(description = "A Nacos connection.")
	public record NacosView(@Schema(description = "Server address.", example = "127.0.0.1:8848") String address,
			@Schema(description = "User; empty without authentication.", example = "nacos") String username,
			@JsonProperty("namespace_id") @Schema(description = "Namespace id; empty for `public`.",
					example = "test") String namespaceId,
			@Schema(description = "Default group; empty for `DEFAULT_GROUP`.", example = "DEFAULT_GROUP") String group,
			@JsonProperty("password_set") @Schema(description = "Whether a password is stored.",
					example = "true") boolean passwordSet) {

	}

}

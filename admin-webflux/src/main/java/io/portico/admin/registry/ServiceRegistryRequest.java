package io.portico.admin.registry;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.portico.admin.web.Ids;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST/PUT /api/gateway_groups/{gg}/service_registries}: exactly the block
 * of {@code type} is given. Secrets are write-only; on PUT an absent or {@code null}
 * secret keeps the stored one and {@code ""} clears it.
 *
 * @param id optional id on create; a random UUID when absent
 * @param name the name, unique in the group
 * @param type {@code kubernetes}, {@code consul}, {@code eureka} or {@code nacos}
 * @param description free text
 * @param kubernetes the Kubernetes block
 * @param consul the Consul block
 * @param eureka the Eureka block
 * @param nacos the Nacos block
 */
@Schema(description = "A service registry connection to create or replace. Give exactly the block named by `type`."
		+ " Secrets (`token`, `password`) are write-only: on PUT an absent or null secret keeps the stored one,"
		+ " an empty string clears it.")
public record ServiceRegistryRequest(
		@Schema(description = "Id, on create only; a random UUID when absent.",
				example = "registry-for-test") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
		@Schema(description = "Name, unique in the gateway group.", example = "k8s-test",
				requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 100) String name,
		@Schema(description = "Registry type.", example = "kubernetes", allowableValues = {
				"kubernetes", "consul", "eureka", "nacos" }, requiredMode = Schema.RequiredMode.REQUIRED) String type,
		@Schema(description = "Free text.",
				example = "The test cluster's API server") @Size(max = 2000) String description,
		@Schema(description = "Kubernetes connection; only with type `kubernetes`.") Kubernetes kubernetes,
		@Schema(description = "Consul connection; only with type `consul`.") Consul consul,
		@Schema(description = "Eureka connection; only with type `eureka`.") Eureka eureka,
		@Schema(description = "Nacos connection; only with type `nacos`.") Nacos nacos){

	/**
	 * A Kubernetes API server.
	 *
	 * @param apiServer the API server URL; empty for the gateway pod's in-cluster service
	 * account
	 * @param token a bearer token (secret)
	 */
	@Schema(description = "A Kubernetes API server. Leave `api_server` empty to use the gateway pod's in-cluster"
			+ " service account.")
	public record Kubernetes(
			@JsonProperty("api_server") @Schema(description = "API server URL; empty for in-cluster.",
					example = "https://10.0.0.1:6443") String apiServer,
			@Schema(description = "Bearer token (write-only secret).", example = "eyJhbGciOi...",
					accessMode = Schema.AccessMode.WRITE_ONLY) String token) {

		@Override
		public String toString() {
			return "Kubernetes[apiServer=" + this.apiServer + ", token=" + ((this.token != null) ? "******" : null)
					+ "]";
		}

	}

	/**
	 * A Consul agent or server.
	 *
	 * @param address the HTTP address
	 * @param token an ACL token (secret)
	 * @param datacenter the datacenter; empty for the agent's own
	 */
	@Schema(description = "A Consul agent or server.")
	public record Consul(
			@Schema(description = "HTTP address.", example = "http://127.0.0.1:8500",
					requiredMode = Schema.RequiredMode.REQUIRED) String address,
			@Schema(description = "ACL token (write-only secret).", example = "3f9c2a4e-7b1d-4c8e-9a6f-0d2e5b7c1a3f",
					accessMode = Schema.AccessMode.WRITE_ONLY) String token,
			@Schema(description = "Datacenter; empty for the agent's own.", example = "dc1") String datacenter) {

		@Override
		public String toString() {
			return "Consul[address=" + this.address + ", token=" + ((this.token != null) ? "******" : null)
					+ ", datacenter=" + this.datacenter + "]";
		}

	}

	/**
	 * A Eureka server cluster.
	 *
	 * @param serviceUrls one or more service URLs, tried in order
	 */
	@Schema(description = "A Eureka server cluster.")
	public record Eureka(@JsonProperty("service_urls") @ArraySchema(
			schema = @Schema(description = "A Eureka service URL.", example = "http://127.0.0.1:8761/eureka/"),
			arraySchema = @Schema(description = "One or more service URLs, tried in order.",
					requiredMode = Schema.RequiredMode.REQUIRED)) List<String> serviceUrls) {

	}

	/**
	 * A Nacos server.
	 *
	 * @param address {@code host:port} or an http(s) URL
	 * @param username the user when authentication is on
	 * @param password the password (secret)
	 * @param namespaceId the namespace id; empty for {@code public}
	 * @param group the default group of services; empty for {@code DEFAULT_GROUP}
	 */
	@Schema(description = "A Nacos server.")
	public record Nacos(
			@Schema(description = "`host:port` or an http(s) URL.", example = "127.0.0.1:8848",
					requiredMode = Schema.RequiredMode.REQUIRED) String address,
			@Schema(description = "User, when authentication is on.", example = "nacos") String username,
			@Schema(description = "Password (write-only secret).", example = "nacos-password",
					accessMode = Schema.AccessMode.WRITE_ONLY) String password,
			@JsonProperty("namespace_id") @Schema(description = "Namespace id; empty for `public`.",
					example = "test") String namespaceId,
			@Schema(description = "Default group of services; empty for `DEFAULT_GROUP`.",
					example = "DEFAULT_GROUP") String group) {

		@Override
		public String toString() {
			return "Nacos[address=" + this.address + ", username=" + this.username + ", password="
					+ ((this.password != null) ? "******" : null) + ", namespaceId=" + this.namespaceId + ", group="
					+ this.group + "]";
		}

	}

}

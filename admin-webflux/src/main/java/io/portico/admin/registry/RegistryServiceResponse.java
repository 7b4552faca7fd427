package io.portico.admin.registry;

import java.util.List;

import io.portico.registry.RegistryService;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A service a registry offers, for a publish form or a script.
 *
 * @param namespace the Kubernetes namespace, the Nacos group, or empty (Consul, Eureka)
 * @param name the service name
 * @param ports named ports (Kubernetes); empty elsewhere
 */
@Schema(description = "A service the registry offers; use its `namespace` and `name` as a discovery upstream's"
		+ " `namespace` and `service_name`.")
public record RegistryServiceResponse(
		@Schema(description = "Kubernetes namespace, Nacos group, or empty (Consul, Eureka).",
				example = "default") String namespace,
		@Schema(description = "Service name.", example = "httpbin") String name,
		@ArraySchema(schema = @Schema(description = "A port name.", example = "http"),
				arraySchema = @Schema(description = "Named ports (Kubernetes); empty elsewhere.")) List<String> ports) {

	/**
	 * Creates the response.
	 * @param namespace the namespace or group
	 * @param name the service name
	 * @param ports the named ports
	 */
	public RegistryServiceResponse {
		ports = List.copyOf(ports);
	}

	static RegistryServiceResponse of(RegistryService service) {
		return new RegistryServiceResponse(service.namespace(), service.name(), service.ports());
	}

}

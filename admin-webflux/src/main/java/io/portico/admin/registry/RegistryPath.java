package io.portico.admin.registry;

import io.portico.admin.web.PathObject;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.web.bind.annotation.BindParam;

/**
 * The path variables that name a registry connection, {@code {gg}} and {@code {id}},
 * bound as one value by every operation on it; permission and audit expressions read
 * {@code #path.groupId()} and {@code #path.id()}.
 *
 * @param groupId the gateway group
 * @param id the registry connection
 */
@ParameterObject
@PathObject
public record RegistryPath(
		@Parameter(name = "gg", in = ParameterIn.PATH, description = "Gateway group id.",
				example = "default") @BindParam("gg") String groupId,
		@Parameter(name = "id", in = ParameterIn.PATH, description = "Registry connection id.",
				example = "registry-for-test") @BindParam("id") String id) {

}

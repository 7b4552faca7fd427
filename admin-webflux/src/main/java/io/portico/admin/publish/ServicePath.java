package io.portico.admin.publish;

import io.portico.admin.web.PathObject;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.web.bind.annotation.BindParam;

/**
 * The path variables that name a published service, {@code {gg}} and {@code {serviceId}},
 * bound as one value by every operation on it; permission and audit expressions read
 * {@code #path.groupId()} and {@code #path.serviceId()}.
 *
 * @param groupId the gateway group
 * @param serviceId the service (template)
 */
@ParameterObject
@PathObject
public record ServicePath(
		@Parameter(name = "gg", in = ParameterIn.PATH, description = "Gateway group id.",
				example = "default") @BindParam("gg") String groupId,
		@Parameter(name = "serviceId", in = ParameterIn.PATH, description = "Service (template) id.",
				example = "httpbin") @BindParam("serviceId") String serviceId) {

}

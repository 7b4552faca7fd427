package io.portico.admin.declarative;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portico.admin.web.ApiException;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.web.bind.annotation.BindParam;

/**
 * The query parameters that name a declarative request's scope, bound as one value: the
 * gateway group, the label selector and the resource types.
 *
 * @param gatewayGroupId the group; {@code default} when absent
 * @param labelSelector label pairs {@code key=value} a service's labels must hold
 * @param include resource types to include: only {@code services}
 * @param exclude resource types to exclude: none can be
 */
@ParameterObject
public record DeclarativeScopeParams(
		@Parameter(name = "gateway_group_id", description = "Gateway group.",
				schema = @Schema(defaultValue = "default")) @BindParam("gateway_group_id") String gatewayGroupId,
		@Parameter(name = "label_selector",
				description = "Label pairs `key=value` a service's labels must hold.") @BindParam("label_selector") List<String> labelSelector,
		@Parameter(name = "include_resource_type",
				description = "Resource types to include: `services`, the only kind Portico's files hold.") @BindParam("include_resource_type") List<String> include,
		@Parameter(name = "exclude_resource_type",
				description = "Resource types to exclude; none can be.") @BindParam("exclude_resource_type") List<String> exclude) {

	/**
	 * The gateway group.
	 * @return the given group, or {@code default}
	 */
	public String group() {
		return (this.gatewayGroupId != null && !this.gatewayGroupId.isBlank()) ? this.gatewayGroupId : "default";
	}

	/**
	 * The scope these parameters name.
	 * @param delete whether services of the scope missing from the file are unpublished
	 * @return the scope
	 * @throws ApiException naming the parameter that is wrong
	 */
	DeclarativeScope scope(boolean delete) {
		// Portico's files hold services only: other ADC resource types are refused, not
		// ignored.
		if (this.include != null && this.include.stream().anyMatch((type) -> !type.equals("services"))) {
			throw ApiException.badRequest("include_resource_type",
					"may only be 'services', the one resource type of Portico's files");
		}
		if (this.exclude != null && !this.exclude.isEmpty()) {
			throw ApiException.badRequest("exclude_resource_type",
					"cannot exclude anything: Portico's files hold services only");
		}
		Map<String, String> pairs = new LinkedHashMap<>();
		if (this.labelSelector != null) {
			for (String pair : this.labelSelector) {
				int equals = pair.indexOf('=');
				if (equals <= 0) {
					throw ApiException.badRequest("label_selector", "must be key=value pairs, not '" + pair + "'");
				}
				pairs.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
			}
		}
		return new DeclarativeScope(Map.copyOf(pairs), delete);
	}

}

package io.portico.admin.access;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.models.Operation;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Writes each endpoint's required permission into its OpenAPI operation (description and
 * {@code x-portico-permissions}), from the same {@link Permitted} declarations the access
 * check enforces; public endpoints get an empty security requirement.
 */
@Component
class AccessOpenApi implements OperationCustomizer {

	@Override
	public Operation customize(Operation operation, HandlerMethod handlerMethod) {
		if (AnnotatedElementUtils.hasAnnotation(handlerMethod.getMethod(), Public.class)) {
			operation.setSecurity(List.of());
			return operation;
		}
		List<String> names = new ArrayList<>();
		for (Permitted permitted : AnnotatedElementUtils.findMergedRepeatableAnnotations(handlerMethod.getMethod(),
				Permitted.class)) {
			Permission permission = permitted.value();
			String where = !permission.groupBound() ? ""
					: permitted.group().isEmpty() ? " (in any group)" : " in group `" + permitted.group() + "`";
			names.add("`" + permission.value() + "`" + where);
		}
		if (names.isEmpty()) {
			return operation;
		}
		String text = "**Required permission:** " + String.join(" and ", names) + ".";
		String description = operation.getDescription();
		operation.setDescription((description == null || description.isEmpty()) ? text : description + "\n\n" + text);
		operation.addExtension("x-portico-permissions",
				AnnotatedElementUtils.findMergedRepeatableAnnotations(handlerMethod.getMethod(), Permitted.class)
					.stream()
					.map((permitted) -> permitted.value().value())
					.toList());
		return operation;
	}

}
